import { elapse, setPlan, subscriptionOf, usageRowsOf, setupTestDb, type SessionRow } from '../db/harness';
import { verifyWebhookToken, sessionScope } from '../../supabase/functions/_shared/webhook-token.ts';
import { body, createWorld, serverEnv, serverOwned, TAVUS_KEY, WEBHOOK_SECRET, WEBHOOK_URL, type World } from './support/world';

const db = setupTestDb();
// a proxy deployment: the database lets only the server write sessions
beforeEach(() => serverOwned(db));
let world: World;
beforeEach(() => {
  world = createWorld(db);
});

type Started = { session: SessionRow; conversation_url: string; meeting_token?: string };
type Ended = { session: SessionRow };

const sessionsOf = (uid: string) => db.asOwner<SessionRow>('select * from public.sessions where user_id = $1 order by created_at', [uid]);
const creates = () => world.tavusRequests.filter((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'));
const conversation = async (id: string) =>
  body<{ status: string; conversation_name: string }>(
    await world.tavus.fetch(`https://tavusapi.com/v2/conversations/${id}`, { headers: { 'x-api-key': TAVUS_KEY } }),
  );

async function start(token: string, payload: unknown = { session_type: 'reflect_alone' }) {
  return world.call('/sessions', { token, body: payload });
}

describe('POST /tavus/sessions and /tavus/sessions/:id/end', () => {
  it('starts a session with the server key, persona, replica and fixed call settings, then ends and charges it once', async () => {
    const { id: uid, token } = await world.user();
    const response = await start(token);
    expect(response.status).toBe(200);
    const started = await body<Started>(response);
    // a private room: the meeting_token comes back to the session's owner, and only in this answer
    expect(Object.keys(started).sort()).toEqual(['conversation_url', 'meeting_token', 'session']);
    expect(started.meeting_token).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.stringify(world.logs)).not.toContain(started.meeting_token);
    expect(JSON.stringify(await sessionsOf(uid))).not.toContain(started.meeting_token);
    expect(started.session).toMatchObject({ user_id: uid, status: 'active', persona_id: 'p7e13c73f41f', replica_id: 'r4317e64d25a' });
    expect(started.conversation_url).toMatch(/^https:\/\/tavus\.daily\.co\//);
    expect(JSON.stringify(started)).not.toContain(TAVUS_KEY);

    const [create] = creates();
    expect(create!.apiKey).toBe(TAVUS_KEY);
    const sent = create!.body as {
      conversation_name: string;
      callback_url: string;
      properties: object;
      persona_id: string;
      replica_id: string;
    };
    expect(sent).toMatchObject({
      persona_id: 'p7e13c73f41f',
      replica_id: 'r4317e64d25a',
      conversation_name: `awaknow_reflect_alone_${started.session.id}`,
      require_auth: true,
      // the free plan caps a session at 600 seconds
      properties: {
        max_call_duration: 600,
        participant_left_timeout: 60,
        participant_absent_timeout: 120,
        enable_closed_captions: true,
        language: 'english',
      },
    });
    const callback = new URL(sent.callback_url);
    expect(`${callback.origin}${callback.pathname}`).toBe(WEBHOOK_URL);
    expect(callback.searchParams.get('session')).toBe(started.session.id);
    expect(await verifyWebhookToken(WEBHOOK_SECRET, sessionScope(started.session.id), callback.searchParams.get('token')!)).toBe(true);
    expect((await conversation(started.session.tavus_conversation_id!)).status).toBe('active');

    await elapse(db, started.session.id, 95);
    const ended = await world.call(`/sessions/${started.session.id}/end`, { token, body: { reason: 'user_ended' } });
    expect(ended.status).toBe(200);
    expect((await body<Ended>(ended)).session).toMatchObject({ status: 'ended', seconds_used: 95, end_reason: 'user_ended' });
    // the routine end by the Tavus id, never a DELETE
    const end = world.tavusRequests.find((r) => r.url.endsWith(`/v2/conversations/${started.session.tavus_conversation_id}/end`));
    expect(end?.method).toBe('POST');
    expect(world.tavusRequests.some((r) => r.method === 'DELETE')).toBe(false);
    expect((await conversation(started.session.tavus_conversation_id!)).status).toBe('ended');

    const again = await world.call(`/sessions/${started.session.id}/end`, { token, body: { reason: 'user_ended' } });
    expect(again.status).toBe(200);
    expect((await body<Ended>(again)).session.seconds_used).toBe(95);
    expect(await usageRowsOf(db, uid)).toHaveLength(1);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(95);
  });

  it('accepts the end a closing tab sends as a keepalive request (text/plain body)', async () => {
    const { token } = await world.user();
    const { session } = await body<Started>(await start(token));
    const response = await world.call(`/sessions/${session.id}/end`, {
      token,
      rawBody: '{"reason":"tab_closed"}',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      method: 'POST',
    });
    expect(response.status).toBe(200);
    expect((await body<Ended>(response)).session).toMatchObject({ status: 'ended', end_reason: 'tab_closed' });
    expect((await conversation(session.tavus_conversation_id!)).status).toBe('ended');
  });

  it('ends with user_ended when the body is empty', async () => {
    const { token } = await world.user();
    const { session } = await body<Started>(await start(token));
    const response = await world.call(`/sessions/${session.id}/end`, { token, method: 'POST' });
    expect((await body<Ended>(response)).session.end_reason).toBe('user_ended');
  });

  it.each([
    ['a longer call', { session_type: 'reflect_alone', max_call_duration: 3600 }],
    ['another persona', { session_type: 'reflect_alone', persona_id: 'pother000001' }],
    ['another user', { session_type: 'reflect_alone', user_id: '00000000-0000-4000-8000-000000000000' }],
    ['different timeouts', { session_type: 'reflect_alone', properties: { participant_left_timeout: 0 } }],
    ['an unknown session type', { session_type: 'group_therapy' }],
    ['no session type', {}],
    ['not an object', ['reflect_alone']],
  ])('refuses a start that asks for %s, and reserves nothing', async (_what, payload) => {
    const { id: uid, token } = await world.user();
    const response = await start(token, payload);
    expect(response.status).toBe(400);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('invalid_argument');
    expect(await sessionsOf(uid)).toHaveLength(0);
    expect(creates()).toHaveLength(0);
  });

  it('refuses a body that is not JSON', async () => {
    const { id: uid, token } = await world.user();
    const response = await world.call('/sessions', { token, rawBody: 'session_type=reflect_alone', method: 'POST' });
    expect(response.status).toBe(400);
    expect(await sessionsOf(uid)).toHaveLength(0);
  });

  it('refuses a second session while one is open (409) and starts no second conversation', async () => {
    const { id: uid, token } = await world.user();
    await setPlan(db, uid, 'pro');
    expect((await start(token)).status).toBe(200);
    const second = await start(token);
    expect(second.status).toBe(409);
    expect((await body<{ error: { code: string } }>(second)).error.code).toBe('session_already_active');
    expect(creates()).toHaveLength(1);
  });

  it("refuses a start over the free plan's daily limit (429)", async () => {
    const { id: uid, token } = await world.user();
    const { session } = await body<Started>(await start(token));
    await world.call(`/sessions/${session.id}/end`, { token, method: 'POST' });
    const response = await start(token);
    expect(response.status).toBe(429);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('daily_limit_reached');
    expect(await sessionsOf(uid)).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });

  it('refuses a start when the minutes are used up (402), without calling Tavus', async () => {
    const { id: uid, token } = await world.user();
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = tavus_minutes_limit * 60 - 10 where user_id = $1', [uid]);
    const response = await start(token);
    expect(response.status).toBe(402);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('usage_limit_reached');
    expect(await sessionsOf(uid)).toHaveLength(0);
    expect(creates()).toHaveLength(0);
  });

  it('caps the call at the minutes left', async () => {
    const { id: uid, token } = await world.user();
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = tavus_minutes_limit * 60 - 200 where user_id = $1', [uid]);
    await start(token);
    expect((creates()[0]!.body as { properties: { max_call_duration: number } }).properties.max_call_duration).toBe(200);
  });

  it('releases the reservation without a charge when Tavus refuses the conversation (402 out of credits)', async () => {
    const { id: uid, token } = await world.user();
    world.tavus.faults.set({ status: 402, match: 'POST /v2/conversations' });
    const response = await start(token);
    expect(response.status).toBe(402);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('out_of_credits');
    const [session] = await sessionsOf(uid);
    expect(session).toMatchObject({ status: 'failed', seconds_used: 0 });
    expect(session!.error).toContain('out_of_credits');
    expect(await usageRowsOf(db, uid)).toHaveLength(0);
  });

  it('answers 429 concurrency_limit when the Tavus account runs its maximum of calls', async () => {
    const { token } = await world.user();
    world.tavus.faults.set({ status: 'concurrency', match: 'POST /v2/conversations' });
    const response = await start(token);
    expect(response.status).toBe(429);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('concurrency_limit');
  });

  it('finds and ends a conversation Tavus created although its answer was lost', async () => {
    const { id: uid, token } = await world.user();
    const lossy = world.deps.tavusFetch;
    world.deps.tavusFetch = async (input, init) => {
      const response = await lossy(input, init);
      const request = new Request(input, init);
      if (request.method === 'POST' && request.url.endsWith('/v2/conversations')) return new Response('upstream reset', { status: 502 });
      return response;
    };
    const response = await start(token);
    expect(response.status).toBe(502);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('server_error');
    const created = await world.tavus.fetch('https://tavusapi.com/v2/conversations', { headers: { 'x-api-key': TAVUS_KEY } });
    const [lost] = (await body<{ data: Array<{ status: string; conversation_name: string }> }>(created)).data;
    expect(lost!.conversation_name).toMatch(/^awaknow_reflect_alone_/);
    expect(lost!.status).toBe('ended');
    expect((await sessionsOf(uid))[0]!.status).toBe('failed');
  });

  it('ends the conversation at once when attaching it fails, and charges nothing', async () => {
    const { id: uid, token } = await world.user();
    const supabase = world.deps.supabaseFetch;
    world.deps.supabaseFetch = async (input, init) => {
      if (new Request(input, init).url.endsWith('/rpc/server_attach_conversation')) {
        return new Response(JSON.stringify({ code: 'XX000', message: 'connection lost', details: null, hint: null }), { status: 500 });
      }
      return supabase(input, init);
    };
    const response = await start(token);
    expect(response.status).toBe(500);
    const created = await world.tavus.fetch('https://tavusapi.com/v2/conversations', { headers: { 'x-api-key': TAVUS_KEY } });
    expect((await body<{ data: Array<{ status: string }> }>(created)).data.map((c) => c.status)).toEqual(['ended']);
    const [session] = await sessionsOf(uid);
    expect(session).toMatchObject({ status: 'failed', seconds_used: 0 });
    expect(await usageRowsOf(db, uid)).toHaveLength(0);
  });

  it("cannot end someone else's session or their conversation", async () => {
    const owner = await world.user();
    const other = await world.user();
    const { session } = await body<Started>(await start(owner.token));
    const response = await world.call(`/sessions/${session.id}/end`, { token: other.token, method: 'POST' });
    expect(response.status).toBe(404);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('session_not_found');
    expect((await conversation(session.tavus_conversation_id!)).status).toBe('active');
    expect((await sessionsOf(owner.id))[0]!.status).toBe('active');
  });

  it('refuses an end with a bad reason or a bad id, changing nothing', async () => {
    const { id: uid, token } = await world.user();
    const { session } = await body<Started>(await start(token));
    expect((await world.call(`/sessions/${session.id}/end`, { token, body: { reason: 'DROP TABLE' } })).status).toBe(400);
    expect((await world.call(`/sessions/${session.id}/end`, { token, body: { reason: 'user_ended', seconds_used: 0 } })).status).toBe(400);
    expect((await world.call('/sessions/not-a-uuid/end', { token, method: 'POST' })).status).toBe(400);
    expect((await sessionsOf(uid))[0]!.status).toBe('active');
  });

  it('reports a Tavus end it could not confirm with the ended session, and a retry finishes the job', async () => {
    const { token } = await world.user();
    const { session } = await body<Started>(await start(token));
    world.tavus.faults.set({ status: 503, match: '/end' });
    const response = await world.call(`/sessions/${session.id}/end`, { token, method: 'POST' });
    expect(response.status).toBe(502);
    const failed = await body<{ error: { code: string }; session: SessionRow }>(response);
    expect(failed.error.code).toBe('conversation_end_unconfirmed');
    expect(failed.session.status).toBe('ended');
    world.tavus.faults.clear();
    expect((await world.call(`/sessions/${session.id}/end`, { token, method: 'POST' })).status).toBe(200);
    expect((await conversation(session.tavus_conversation_id!)).status).toBe('ended');
  });

  it('answers 503 with the secret to set when TAVUS_API_KEY is missing, and reserves nothing', async () => {
    world = createWorld(db, serverEnv({ TAVUS_API_KEY: undefined }));
    const { id: uid, token } = await world.user();
    const response = await start(token);
    expect(response.status).toBe(503);
    const failure = await body<{ error: { code: string; message: string } }>(response);
    expect(failure.error.code).toBe('tavus_not_configured');
    expect(failure.error.message).toContain('TAVUS_API_KEY');
    expect(await sessionsOf(uid)).toHaveLength(0);
  });

  it('answers 503 naming TAVUS_WEBHOOK_SECRET when callbacks could not be authenticated', async () => {
    world = createWorld(db, serverEnv({ TAVUS_WEBHOOK_SECRET: 'short' }));
    const { id: uid, token } = await world.user();
    const response = await start(token);
    expect(response.status).toBe(503);
    expect((await body<{ error: { message: string } }>(response)).error.message).toContain('TAVUS_WEBHOOK_SECRET');
    expect(await sessionsOf(uid)).toHaveLength(0);
  });
});
