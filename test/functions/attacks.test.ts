import { elapse, setPlan, setupTestDb, subscriptionOf, type SessionRow } from '../db/harness';
import { anonKey, serviceRoleKey, SUPABASE_URL } from './support/fake-supabase';
import { body, createWorld, FUNCTIONS_URL, serverOwned, TAVUS_KEY, WEBHOOK_URL, type World } from './support/world';
import { handleTavus } from '../../supabase/functions/tavus/handler.ts';
import { withoutCallbackTokens } from '../../supabase/functions/tavus/forward.ts';
import { handleTavusWebhook } from '../../supabase/functions/tavus-webhook/handler.ts';
import { webhookToken, sessionScope } from '../../supabase/functions/_shared/webhook-token.ts';

/**
 * A proxy deployment attacked with nothing but a signed-in JWT (anonymous sign-in gives anyone
 * one) and the public anon key, or as an admin of the studio: each test is one attack, judged by
 * what the attacker gets and what Tavus is left running.
 */

const db = setupTestDb();
let world: World;
beforeEach(async () => {
  world = createWorld(db);
  await serverOwned(db);
});

type Started = { session: SessionRow; conversation_url: string };

/** The Data API as the attacker reaches it: PostgREST with the anon key and their own JWT. */
async function dataApi(token: string, fn: string, args: Record<string, unknown>) {
  const response = await world.supabase.fetch(`${SUPABASE_URL}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: anonKey(), authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: (await response.json()) as { message?: string } };
}

async function tavusConversation(id: string) {
  return body<{ status: string; callback_url?: string; conversation_name: string }>(
    await world.tavus.fetch(`https://tavusapi.com/v2/conversations/${id}`, { headers: { 'x-api-key': TAVUS_KEY } }),
  );
}

async function activeConversations(): Promise<number> {
  const listed = await body<{ data: Array<{ status: string }> }>(
    await world.tavus.fetch('https://tavusapi.com/v2/conversations?status=active', { headers: { 'x-api-key': TAVUS_KEY } }),
  );
  return listed.data.filter((c) => c.status === 'active').length;
}

async function startThroughProxy(token: string): Promise<Started> {
  const response = await world.call('/sessions', { token, body: { session_type: 'reflect_alone' } });
  expect(response.status).toBe(200);
  return body<Started>(response);
}

const sessionRow = async (id: string) => (await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [id]))[0]!;

/** Time passes for a session: every moment it recorded moves back, as if now were later. */
async function later(sessionId: string, seconds: number) {
  await db.asOwner(
    `update public.sessions set created_at = created_at - make_interval(secs => $2), started_at = started_at - make_interval(secs => $2),
            ended_at = ended_at - make_interval(secs => $2) where id = $1`,
    [sessionId, seconds],
  );
  await db.asOwner('update private.session_calls set ended_at = ended_at - make_interval(secs => $2) where session_id = $1', [
    sessionId,
    seconds,
  ]);
}

describe('a call that runs without being charged', () => {
  it('refuses rpc/end_session for a session started through the proxy: the session and its call stay live', async () => {
    const attacker = await world.user();
    const { session } = await startThroughProxy(attacker.token);
    const ended = await dataApi(attacker.token, 'end_session', { p_session_id: session.id, p_reason: 'user_ended' });
    expect(ended.status).toBe(400);
    expect(ended.body.message).toBe('sessions_owned_by_server');
    expect((await sessionRow(session.id)).status).toBe('active');
    expect((await tavusConversation(session.tavus_conversation_id!)).status).toBe('active');
  });

  it('ends the call whenever the session ends through the proxy', async () => {
    const user = await world.user();
    const { session } = await startThroughProxy(user.token);
    await elapse(db, session.id, 12);
    expect((await world.call(`/sessions/${session.id}/end`, { token: user.token, method: 'POST' })).status).toBe(200);
    expect((await tavusConversation(session.tavus_conversation_id!)).status).toBe('ended');
    expect((await sessionRow(session.id)).seconds_used).toBe(12);
  });
});

describe('many calls at once', () => {
  it('holds one live Tavus conversation per user, however the attacker mixes the proxy and the Data API', async () => {
    const attacker = await world.user();
    await setPlan(db, attacker.id, 'pro');
    await startThroughProxy(attacker.token);
    for (let round = 0; round < 2; round += 1) {
      const open = (
        await db.asOwner<SessionRow>("select * from public.sessions where user_id = $1 and status = 'active'", [attacker.id])
      )[0]!;
      expect((await dataApi(attacker.token, 'end_session', { p_session_id: open.id })).body.message).toBe('sessions_owned_by_server');
      const again = await world.call('/sessions', { token: attacker.token, body: { session_type: 'reflect_alone' } });
      expect(again.status).toBe(409);
      expect((await body<{ error: { code: string } }>(again)).error.code).toBe('session_already_active');
    }
    expect(await activeConversations()).toBe(1);
  });

  it('refuses to start calls at all while the database still lets browsers write sessions', async () => {
    await db.asOwner(`update private.deployment set session_owner = 'browser'`);
    const user = await world.user();
    const response = await world.call('/sessions', { token: user.token, body: { session_type: 'reflect_alone' } });
    expect(response.status).toBe(503);
    const failure = await body<{ error: { code: string; message: string } }>(response);
    expect(failure.error.code).toBe('deployment_not_proxy');
    expect(failure.error.message).toContain("session_owner = 'server'");
    expect(await activeConversations()).toBe(0);
  });
});

describe('ending any conversation with the server key', () => {
  it("refuses to attach a conversation id seen elsewhere, and the proxy's end leaves that conversation alone", async () => {
    const victim = await world.user();
    const { session: theirs } = await startThroughProxy(victim.token);
    const attacker = await world.user();
    const reserved = await dataApi(attacker.token, 'start_session', {
      p_session_type: 'reflect_alone',
      p_persona_id: 'p7e13c73f41f',
      p_replica_id: 'r4317e64d25a',
    });
    expect(reserved.body.message).toBe('sessions_owned_by_server');
    const { session: mine } = await startThroughProxy(attacker.token);
    const attached = await dataApi(attacker.token, 'attach_conversation', {
      p_session_id: mine.id,
      p_conversation_id: theirs.tavus_conversation_id,
      p_conversation_url: theirs.conversation_url,
    });
    expect(attached.body.message).toBe('sessions_owned_by_server');
    expect((await world.call(`/sessions/${mine.id}/end`, { token: attacker.token, method: 'POST' })).status).toBe(200);
    expect((await tavusConversation(theirs.tavus_conversation_id!)).status).toBe('active');
    expect((await sessionRow(theirs.id)).status).toBe('active');
  });

  it('never ends, with the server key, a conversation a browser attached before the deployment became server-owned', async () => {
    const victim = await world.user();
    const { session: theirs } = await startThroughProxy(victim.token);
    // the same database while browsers could still write sessions
    await db.asOwner(`update private.deployment set session_owner = 'browser'`);
    const attacker = await world.user();
    const reserved = await dataApi(attacker.token, 'start_session', {
      p_session_type: 'reflect_alone',
      p_persona_id: 'p7e13c73f41f',
      p_replica_id: 'r4317e64d25a',
    });
    const sessionId = (reserved.body as unknown as SessionRow).id;
    // the victim's conversation id is taken by their session; the attacker names the victim's room instead
    const foreign = await world.tavus.fetch('https://tavusapi.com/v2/conversations', {
      method: 'POST',
      headers: { 'x-api-key': TAVUS_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ persona_id: 'p7e13c73f41f', conversation_name: 'someone else' }),
    });
    const { conversation_id: foreignId, conversation_url: foreignUrl } = await body<{ conversation_id: string; conversation_url: string }>(
      foreign,
    );
    expect(
      (
        await dataApi(attacker.token, 'attach_conversation', {
          p_session_id: sessionId,
          p_conversation_id: foreignId,
          p_conversation_url: foreignUrl,
        })
      ).status,
    ).toBe(200);
    await serverOwned(db);

    const response = await world.call(`/sessions/${sessionId}/end`, { token: attacker.token, method: 'POST' });
    expect(response.status).toBe(200);
    expect((await tavusConversation(foreignId)).status).toBe('active');
    expect(world.tavusRequests.some((r) => r.url.endsWith(`/v2/conversations/${foreignId}/end`))).toBe(false);
    expect((await tavusConversation(theirs.tavus_conversation_id!)).status).toBe('active');
  });
});

describe('oversized bodies', () => {
  /** A body sent in chunks with no content-length that would go on for 64 MB; counts what was pulled. */
  function endless() {
    const chunk = new TextEncoder().encode(`{"session_type":"${'x'.repeat(16 * 1024)}`);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }

  const streamed = (url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    new Request(url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);

  it.each([
    ['POST /tavus/sessions', '/sessions', 64 * 1024],
    ['POST /tavus/sessions/:id/end', '/sessions/6b72a8de-3832-404f-81fd-3e872cec8826/end', 64 * 1024],
    ['POST /tavus/v2/personas (studio)', '/v2/personas', 1024 * 1024],
  ])('%s stops reading at its limit: 413, and memory stays bounded', async (_route, path, limit) => {
    const admin = await world.user({ role: 'admin' });
    const body = endless();
    const response = await handleTavus(
      streamed(`${FUNCTIONS_URL}/tavus${path}`, body.stream, { authorization: `Bearer ${admin.token}` }),
      world.deps,
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(limit + 64 * 1024);
    expect(world.tavusRequests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('tavus-webhook stops reading at 4 MB', async () => {
    const { session } = await startThroughProxy((await world.user()).token);
    const body = endless();
    const query = `?session=${session.id}&token=${await webhookToken(world.deps.settings.values.TAVUS_WEBHOOK_SECRET!, sessionScope(session.id))}`;
    const response = await handleTavusWebhook(streamed(`${WEBHOOK_URL}${query}`, body.stream, {}), world.webhookDeps);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(4 * 1024 * 1024 + 64 * 1024);
  });
});

describe('forged callbacks from tokens an admin could read', () => {
  it("shows the studio every conversation's callback_url without its token, and logs none", async () => {
    const user = await world.user();
    const { session } = await startThroughProxy(user.token);
    const secret = await webhookToken(world.deps.settings.values.TAVUS_WEBHOOK_SECRET!, sessionScope(session.id));
    expect((await tavusConversation(session.tavus_conversation_id!)).callback_url).toContain(secret);

    const admin = await world.user({ role: 'admin' });
    const one = await world.call(`/v2/conversations/${session.tavus_conversation_id}`, { token: admin.token });
    const list = await world.call('/v2/conversations', { token: admin.token });
    expect(one.status).toBe(200);
    expect(list.status).toBe(200);
    const shown = [await one.text(), await list.text()];
    for (const text of shown) {
      expect(text).not.toContain(secret);
      expect(text).toContain('token=redacted');
    }
    const callbackUrl = new URL((JSON.parse(shown[0]!) as { callback_url: string }).callback_url);
    expect(
      await handleTavusWebhook(
        new Request(callbackUrl, {
          method: 'POST',
          body: JSON.stringify({ conversation_id: session.tavus_conversation_id, event_type: 'system.shutdown', properties: {} }),
        }),
        world.webhookDeps,
      ).then((r) => r.status),
    ).toBe(401);
    expect((await sessionRow(session.id)).status).toBe('active');

    await world.call(`/sessions/${session.id}/end`, { token: user.token, method: 'POST' });
    expect(JSON.stringify(world.logs)).not.toContain(secret);
  });
  it('replaces the token wherever a callback URL sits in an answer, and leaves other answers as they are', () => {
    const answer = {
      data: [
        {
          conversation_id: 'c1',
          callback_url: `${WEBHOOK_URL}?session=s1&token=${'ab'.repeat(32)}`,
          events: [{ webhook_url: `${WEBHOOK_URL}?token=${'cd'.repeat(32)}` }],
        },
      ],
    };
    const cleaned = withoutCallbackTokens(new TextEncoder().encode(JSON.stringify(answer)).buffer as ArrayBuffer);
    expect(typeof cleaned).toBe('string');
    expect(cleaned).not.toContain('ab'.repeat(32));
    expect(cleaned).not.toContain('cd'.repeat(32));
    expect(JSON.parse(cleaned as string)).toMatchObject({
      data: [{ conversation_id: 'c1', callback_url: `${WEBHOOK_URL}?session=s1&token=redacted` }],
    });
    const plain = new TextEncoder().encode(JSON.stringify({ persona_id: 'p1', callback_url: 'https://example.test/hook' }))
      .buffer as ArrayBuffer;
    expect(withoutCallbackTokens(plain)).toBe(plain);
  });
});

describe('calls that outlive their session', () => {
  it('the sweep ends a call Tavus kept running after the session ended, and charges its real length', async () => {
    const user = await world.user();
    const { session } = await startThroughProxy(user.token);
    await elapse(db, session.id, 40);
    world.tavus.faults.set({ status: 503, match: '/end' });
    expect((await world.call(`/sessions/${session.id}/end`, { token: user.token, method: 'POST' })).status).toBe(502);
    world.tavus.faults.clear();
    expect((await subscriptionOf(db, user.id)).tavus_seconds_used).toBe(40);
    expect((await tavusConversation(session.tavus_conversation_id!)).status).toBe('active');

    await later(session.id, 50);
    const swept = await world.call('/sweep', { token: serviceRoleKey(), method: 'POST' });
    expect(swept.status).toBe(200);
    expect(await body(swept)).toMatchObject({ checked: 1, ended: 1, unresolved: 0 });
    expect((await tavusConversation(session.tavus_conversation_id!)).status).toBe('ended');
    expect((await sessionRow(session.id)).seconds_used).toBe(90);
    expect((await subscriptionOf(db, user.id)).tavus_seconds_used).toBe(90);
    // a sweep again finds nothing, and a late shutdown changes nothing
    expect(await body(await world.call('/sweep', { token: serviceRoleKey(), method: 'POST' }))).toMatchObject({ checked: 0 });
  });

  it('keeps the slot until the earlier call is seen to stop, and a start settles it first', async () => {
    const user = await world.user();
    await setPlan(db, user.id, 'growth');
    const { session: first } = await startThroughProxy(user.token);
    world.tavus.faults.set({ status: 503, match: '/end' });
    await world.call(`/sessions/${first.id}/end`, { token: user.token, method: 'POST' });
    // Tavus cannot be asked either: the earlier call may still bill, so no second call starts
    world.tavus.faults.set({ status: 503, match: `/v2/conversations/${first.tavus_conversation_id}` });
    const refused = await world.call('/sessions', { token: user.token, body: { session_type: 'reflect_alone' } });
    expect(refused.status).toBe(409);
    expect(await activeConversations()).toBe(1);

    world.tavus.faults.clear();
    const { session: second } = await startThroughProxy(user.token);
    expect((await tavusConversation(first.tavus_conversation_id!)).status).toBe('ended');
    expect((await tavusConversation(second.tavus_conversation_id!)).status).toBe('active');
    expect(await activeConversations()).toBe(1);
  });

  it('runs the sweep only for the scheduler', async () => {
    const user = await world.user();
    expect((await world.call('/sweep', { token: user.token, method: 'POST' })).status).toBe(403);
    expect((await world.call('/sweep', { token: anonKey(), method: 'POST' })).status).toBe(403);
    expect((await world.call('/sweep', { method: 'POST' })).status).toBe(401);
    expect((await world.call('/sweep', { token: serviceRoleKey() })).status).toBe(405);
  });
});
