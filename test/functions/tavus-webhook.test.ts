import { elapse, PERSONA, REPLICA, setupTestDb, subscriptionOf, usageRowsOf, type SessionRow } from '../db/harness';
import { userToken } from './support/fake-supabase';
import {
  body,
  createWorld,
  serverEnv,
  serverOwned,
  sessionCallbackQuery,
  sharedCallbackQuery,
  TAVUS_KEY,
  type World,
} from './support/world';

const db = setupTestDb();
// a proxy deployment: the database lets only the server write sessions
beforeEach(() => serverOwned(db));
let world: World;
beforeEach(() => {
  world = createWorld(db);
});

/** A live call started through the proxy, and the callback URL query Tavus was given for it. */
async function liveCall() {
  const user = await world.user();
  const response = await world.call('/sessions', { token: user.token, body: { session_type: 'reflect_alone' } });
  const { session } = await body<{ session: SessionRow }>(response);
  const create = world.tavusRequests.find((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'))!;
  const query = new URL((create.body as { callback_url: string }).callback_url).search;
  return { uid: user.id, session, conversationId: session.tavus_conversation_id!, query };
}

const row = async (id: string) =>
  (await db.asOwner<SessionRow & { joined_at: string | null }>('select * from public.sessions where id = $1', [id]))[0]!;

/** Everything a callback could change. */
async function snapshot() {
  return db.asOwner(`select
    (select coalesce(jsonb_agg(to_jsonb(s) order by s.id), '[]') from public.sessions s) as sessions,
    (select coalesce(jsonb_agg(to_jsonb(u) order by u.id), '[]') from public.tavus_usage u) as usage,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.user_id), '[]') from public.user_subscriptions x) as subscriptions`);
}

const envelope = (conversationId: string, event_type: string, properties: object = {}) => ({
  conversation_id: conversationId,
  event_type,
  message_type: event_type.split('.')[0],
  // earlier than any session of these tests starts, so charging falls back to the receipt time
  timestamp: '2000-01-01T00:00:00.000000Z',
  webhook_url: 'https://example.test/ignored',
  properties,
});

const transcript = [
  { role: 'system', content: 'You are a reflective listener.' },
  { role: 'assistant', content: 'What is on your mind?' },
  { role: 'user', content: 'My sister and I argued.' },
];

describe('tavus-webhook records each event once', () => {
  it('system.replica_joined marks the session joined; a redelivery changes nothing', async () => {
    const { session, conversationId, query } = await liveCall();
    const first = await world.callback(query, envelope(conversationId, 'system.replica_joined'));
    expect(first.status).toBe(200);
    expect(await body(first)).toMatchObject({ recorded: true, session_id: session.id, status: 'active' });
    const joined = (await row(session.id)).joined_at;
    expect(joined).not.toBeNull();
    await db.asOwner(`update public.sessions set joined_at = joined_at - interval '5 seconds' where id = $1`, [session.id]);
    const earlier = (await row(session.id)).joined_at;
    expect((await world.callback(query, envelope(conversationId, 'system.replica_joined'))).status).toBe(200);
    expect((await row(session.id)).joined_at).toEqual(earlier);
  });

  it('system.shutdown ends and charges an open session with the reason, exactly once', async () => {
    const { uid, session, conversationId, query } = await liveCall();
    await elapse(db, session.id, 130);
    const event = envelope(conversationId, 'system.shutdown', { shutdown_reason: 'participant_left_timeout reached' });
    const response = await world.callback(query, event);
    expect(response.status).toBe(200);
    expect(await row(session.id)).toMatchObject({
      status: 'ended',
      seconds_used: 130,
      end_reason: 'participant_left_timeout reached',
      shutdown_reason: 'participant_left_timeout reached',
    });
    await elapse(db, session.id, 60);
    expect((await world.callback(query, event)).status).toBe(200);
    expect((await row(session.id)).seconds_used).toBe(130);
    expect(await usageRowsOf(db, uid)).toHaveLength(1);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(130);
  });

  it('system.shutdown delivered late, after the user ended the session and Tavus confirmed, only records the reason', async () => {
    const { uid, session, conversationId, query } = await liveCall();
    await elapse(db, session.id, 40);
    const user = await db.asOwner<{ id: string; token: string }>('select id from auth.users where id = $1', [uid]);
    expect(user).toHaveLength(1);
    expect((await world.call(`/sessions/${session.id}/end`, { token: userToken(uid), body: { reason: 'user_ended' } })).status).toBe(200);
    // 30 seconds pass: every moment recorded so far moves back, the end and its confirmation included
    await db.asOwner(
      `update public.sessions set created_at = created_at - interval '30 seconds', started_at = started_at - interval '30 seconds',
                         ended_at = ended_at - interval '30 seconds' where id = $1`,
      [session.id],
    );
    await db.asOwner(`update private.session_calls set ended_at = ended_at - interval '30 seconds' where session_id = $1`, [session.id]);
    await world.callback(query, envelope(conversationId, 'system.shutdown', { shutdown_reason: 'end_conversation_endpoint_hit' }));
    expect(await row(session.id)).toMatchObject({
      seconds_used: 40,
      end_reason: 'user_ended',
      shutdown_reason: 'end_conversation_endpoint_hit',
    });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(40);
  });

  it('application.transcription_ready stores the transcript; a redelivery stores the same', async () => {
    const { session, conversationId, query } = await liveCall();
    const event = envelope(conversationId, 'application.transcription_ready', { transcript });
    expect((await world.callback(query, event)).status).toBe(200);
    expect((await row(session.id)).transcript).toEqual(transcript);
    expect((await world.callback(query, event)).status).toBe(200);
    expect((await row(session.id)).transcript).toEqual(transcript);
  });

  it('stores the long transcript of an hour-long call, and refuses a body over 4 MB', async () => {
    const { session, conversationId, query } = await liveCall();
    const long = Array.from({ length: 1500 }, (_, i) => ({
      role: i % 2 ? 'user' : 'assistant',
      content: `Turn ${i}: ${'word '.repeat(40)}`,
    }));
    expect((await world.callback(query, envelope(conversationId, 'application.transcription_ready', { transcript: long }))).status).toBe(
      200,
    );
    expect((await row(session.id)).transcript).toHaveLength(1500);
    const huge = [{ role: 'user', content: 'x'.repeat(90_000) }];
    const tooBig = envelope(conversationId, 'application.transcription_ready', { transcript: Array(50).fill(huge[0]) });
    expect((await world.callback(query, tooBig)).status).toBe(413);
    expect((await row(session.id)).transcript).toHaveLength(1500);
  });

  it('stores a transcript whose first (system) turn is a 128K-character persona prompt', async () => {
    const { session, conversationId, query } = await liveCall();
    const prompt = `You are a calm guide. ${'Listen first, then reflect back what you heard. '.repeat(2700)}`.slice(0, 128_000);
    const turns = [{ role: 'system', content: prompt }, ...transcript.slice(1)];
    const response = await world.callback(query, envelope(conversationId, 'application.transcription_ready', { transcript: turns }));
    expect(response.status).toBe(200);
    const stored = (await row(session.id)).transcript as Array<{ role: string; content: string }>;
    expect(stored[0]!.content).toHaveLength(128_000);
    expect(stored).toHaveLength(3);
  });

  it('charges a shutdown up to the timestamp in its envelope, in the format Tavus sends', async () => {
    const { uid, session, conversationId, query } = await liveCall();
    await elapse(db, session.id, 300);
    const startedAt = new Date((await row(session.id)).started_at!).getTime();
    // "2025-07-11T06:48:37.564961Z": microseconds, UTC
    const timestamp = new Date(startedAt + 95_000).toISOString().replace('Z', '564Z');
    const event = { ...envelope(conversationId, 'system.shutdown', { shutdown_reason: 'participant_left_timeout' }), timestamp };
    expect((await world.callback(query, event)).status).toBe(200);
    expect(await row(session.id)).toMatchObject({ status: 'ended', seconds_used: 96 });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(96);
  });

  it('application.recording_ready and application.perception_analysis are stored', async () => {
    const { session, conversationId, query } = await liveCall();
    const recording = { bucket_name: 'awaknow-recordings', s3_key: `${conversationId}.mp4`, duration: 125 };
    expect((await world.callback(query, envelope(conversationId, 'application.recording_ready', recording))).status).toBe(200);
    const analysis = 'The user appeared calm, in a quiet room.';
    expect((await world.callback(query, envelope(conversationId, 'application.perception_analysis', { analysis }))).status).toBe(200);
    expect((await world.callback(query, envelope(conversationId, 'application.perception_analysis', { analysis }))).status).toBe(200);
    const stored = await row(session.id);
    expect(stored.recording).toEqual(recording);
    expect((stored as unknown as { perception_analysis: unknown }).perception_analysis).toEqual(analysis);
  });

  it('acknowledges an event type it does not record (200), logs it and changes nothing', async () => {
    const { conversationId, query } = await liveCall();
    const before = await snapshot();
    const response = await world.callback(query, envelope(conversationId, 'application.something_new', { any: 1 }));
    expect(response.status).toBe(200);
    expect(await body(response)).toMatchObject({ received: true, recorded: false });
    expect(await snapshot()).toEqual(before);
    expect(world.logs.some((entry) => entry.message === 'webhook event ignored')).toBe(true);
  });
});

describe('tavus-webhook refuses what it cannot trust, writing nothing', () => {
  it.each([
    ['no token', (q: string) => q.replace(/&token=[^&]+/, '')],
    ['a wrong token', (q: string) => q.replace(/token=[0-9a-f]{4}/, 'token=0000')],
    ['a token cut short', (q: string) => q.slice(0, -2)],
    ['a session id that is not a uuid', (q: string) => q.replace(/session=[^&]+/, 'session=1%20or%201=1')],
  ])('%s: 401', async (_what, tamper) => {
    const { conversationId, query } = await liveCall();
    const before = await snapshot();
    const calls = world.supabase.calls.length;
    const response = await world.callback(tamper(query), envelope(conversationId, 'system.shutdown', { shutdown_reason: 'forged' }));
    expect(response.status).toBe(401);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('invalid_token');
    expect(await snapshot()).toEqual(before);
    expect(world.supabase.calls.length).toBe(calls);
  });

  it('a token made with another secret, or for another session: 401', async () => {
    const first = await liveCall();
    const forged = await sessionCallbackQuery(first.session.id, 'another-secret-that-is-long-enough-000000');
    expect((await world.callback(forged, envelope(first.conversationId, 'system.shutdown'))).status).toBe(401);
    const shared = await sharedCallbackQuery('another-secret-that-is-long-enough-000000');
    expect((await world.callback(shared, envelope(first.conversationId, 'system.shutdown'))).status).toBe(401);
    const stranger = (await liveCall()).session;
    const swapped = first.query.replace(first.session.id, stranger.id);
    expect((await world.callback(swapped, envelope(first.conversationId, 'system.shutdown'))).status).toBe(401);
    expect((await row(first.session.id)).status).toBe('active');
  });

  it('accepts the previous secret only while TAVUS_WEBHOOK_PREVIOUS_SECRET names it (rotation)', async () => {
    const old = 'an-old-webhook-secret-being-rotated-out-0000';
    const first = await liveCall();
    const oldQuery = await sessionCallbackQuery(first.session.id, old);
    const event = envelope(first.conversationId, 'system.replica_joined');
    expect((await world.callback(oldQuery, event)).status).toBe(401);
    world = createWorld(db, serverEnv({ TAVUS_WEBHOOK_PREVIOUS_SECRET: old }));
    expect((await world.callback(oldQuery, event)).status).toBe(200);
    expect((await world.callback(first.query, event)).status).toBe(200);
    expect(
      (await world.callback(await sessionCallbackQuery(first.session.id, 'yet-another-secret-nobody-configured-00000'), event)).status,
    ).toBe(401);
  });

  it("a valid token with another session's conversation: 403", async () => {
    const first = await liveCall();
    const second = await liveCall();
    const before = await snapshot();
    const response = await world.callback(first.query, envelope(second.conversationId, 'system.shutdown', { shutdown_reason: 'x' }));
    expect(response.status).toBe(403);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('conversation_mismatch');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['not JSON', 'event_type=system.shutdown'],
    ['an array', [{ event_type: 'system.shutdown' }]],
    ['no conversation_id', { event_type: 'system.shutdown', properties: {} }],
    ['a conversation_id that is not a Tavus id', { conversation_id: "c1'; drop table sessions;--", event_type: 'system.shutdown' }],
    ['no event_type', { conversation_id: 'CONVERSATION' }],
    ['properties that are a list', { conversation_id: 'CONVERSATION', event_type: 'system.shutdown', properties: [] }],
    [
      'a transcript that is not a list',
      { conversation_id: 'CONVERSATION', event_type: 'application.transcription_ready', properties: { transcript: 'hello' } },
    ],
    [
      'transcript turns without content',
      { conversation_id: 'CONVERSATION', event_type: 'application.transcription_ready', properties: { transcript: [{ role: 'user' }] } },
    ],
    [
      'a perception analysis without analysis',
      { conversation_id: 'CONVERSATION', event_type: 'application.perception_analysis', properties: {} },
    ],
    [
      'a shutdown reason that is not text',
      { conversation_id: 'CONVERSATION', event_type: 'system.shutdown', properties: { shutdown_reason: 42 } },
    ],
  ])('a body with %s: 400', async (_what, payload) => {
    const { conversationId, query } = await liveCall();
    const before = await snapshot();
    const sent = typeof payload === 'string' ? payload : JSON.parse(JSON.stringify(payload).replaceAll('CONVERSATION', conversationId));
    const response = await world.callback(query, sent);
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect(world.supabase.calls.some((call) => call.path.endsWith('/rpc/record_tavus_event'))).toBe(false);
  });

  it('answers 405 to anything but POST and 503 without its secrets', async () => {
    const { query } = await liveCall();
    const { handleTavusWebhook, createWebhookDeps } = await import('../../supabase/functions/tavus-webhook/handler.ts');
    expect((await handleTavusWebhook(new Request(`https://x.test/tavus-webhook${query}`), world.webhookDeps)).status).toBe(405);
    const unset = createWebhookDeps(serverEnv({ TAVUS_WEBHOOK_SECRET: undefined }), {
      supabaseFetch: world.supabase.fetch,
      tavusFetch: world.tavus.fetch,
    });
    const response = await handleTavusWebhook(new Request(`https://x.test/tavus-webhook${query}`, { method: 'POST', body: '{}' }), unset);
    expect(response.status).toBe(503);
    expect((await body<{ error: { message: string } }>(response)).error.message).toContain('TAVUS_WEBHOOK_SECRET');
  });
});

describe('conversations no session has recorded are checked with Tavus', () => {
  it('records through the shared token (direct mode) when the conversation is known', async () => {
    const { session, conversationId } = await liveCall();
    const response = await world.callback(
      await sharedCallbackQuery(),
      envelope(conversationId, 'application.transcription_ready', { transcript }),
    );
    expect(response.status).toBe(200);
    expect((await row(session.id)).transcript).toEqual(transcript);
  });

  it('refuses a conversation Tavus does not know (404) after asking it', async () => {
    await liveCall();
    const before = await snapshot();
    const response = await world.callback(await sharedCallbackQuery(), envelope('cdoesnotexist', 'system.shutdown'));
    expect(response.status).toBe(404);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('conversation_not_found');
    expect(world.tavusRequests.some((r) => r.method === 'GET' && r.url.endsWith('/v2/conversations/cdoesnotexist'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts (202) without writing an event for a real conversation that no session holds', async () => {
    const created = await world.tavus.fetch('https://tavusapi.com/v2/conversations', {
      method: 'POST',
      headers: { 'x-api-key': TAVUS_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ persona_id: 'p7e13c73f41f', conversation_name: 'made in the Tavus dashboard' }),
    });
    const { conversation_id } = await body<{ conversation_id: string }>(created);
    const before = await snapshot();
    const response = await world.callback(await sharedCallbackQuery(), envelope(conversation_id, 'system.shutdown'));
    expect(response.status).toBe(202);
    expect(await body(response)).toMatchObject({ recorded: false });
    expect(await snapshot()).toEqual(before);
  });

  it("a callback that beats the attach: 202 when Tavus confirms the session's conversation, 404 otherwise", async () => {
    const uid = await db.createUser();
    const [starting] = await db.asService<SessionRow>('select * from public.server_start_session($1, $2, $3, $4)', [
      uid,
      'reflect_alone',
      PERSONA,
      REPLICA,
    ]);
    const created = await world.tavus.fetch('https://tavusapi.com/v2/conversations', {
      method: 'POST',
      headers: { 'x-api-key': TAVUS_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ persona_id: 'p7e13c73f41f', conversation_name: starting!.conversation_name }),
    });
    const { conversation_id } = await body<{ conversation_id: string }>(created);
    const query = await sessionCallbackQuery(starting!.id);
    const before = await snapshot();
    expect((await world.callback(query, envelope(conversation_id, 'system.replica_joined'))).status).toBe(202);
    expect((await world.callback(query, envelope('cnotthisone', 'system.replica_joined'))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
