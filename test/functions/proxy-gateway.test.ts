import {
  DailyLimitReachedError,
  DbError,
  NotAuthenticatedError,
  SessionAlreadyActiveError,
  SessionNotFoundError,
  UsageLimitReachedError,
} from '@/lib/db';
import { ConnectionError, OutOfCreditsError, TavusError } from '@/lib/tavus';
import { ConversationEndUnconfirmedError, type SessionGateway } from '@/lib/sessions';
import { createProxySessions, ProxyError } from '@/lib/sessions/proxy';
import { elapse, setupTestDb, type SessionRow } from '../db/harness';
import { handleTavus } from '../../supabase/functions/tavus/handler.ts';
import { userToken } from './support/fake-supabase';
import { createWorld, FUNCTIONS_URL, serverOwned, TAVUS_KEY, type World } from './support/world';

const db = setupTestDb();
// a proxy deployment: the database lets only the server write sessions
beforeEach(() => serverOwned(db));
let world: World;
let sent: Array<{ url: string; init: RequestInit; done: Promise<Response> }>;

beforeEach(() => {
  world = createWorld(db);
  sent = [];
});

/** The browser side of proxy mode, its requests answered by the real handler. */
function gateway(getAccessToken: () => Promise<string | null>): SessionGateway {
  return createProxySessions({
    functionsUrl: `${FUNCTIONS_URL}/`,
    getAccessToken,
    fetch: (input, init = {}) => {
      const done = handleTavus(new Request(input, init), world.deps);
      sent.push({ url: String(input), init, done });
      return done;
    },
  });
}

const conversationStatus = async (id: string) =>
  (
    (await (await world.tavus.fetch(`https://tavusapi.com/v2/conversations/${id}`, { headers: { 'x-api-key': TAVUS_KEY } })).json()) as {
      status: string;
    }
  ).status;
const row = async (id: string) => (await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [id]))[0]!;

describe('createProxySessions', () => {
  it("sends the user's session options, and the server's refusal of bad ones comes back as the same typed error", async () => {
    const { token } = await world.user();
    const sessions = gateway(async () => token);
    await sessions.start({ sessionType: 'reflect_alone', options: { reflectOn: 'my garden', language: 'spanish' } });
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ session_type: 'reflect_alone', reflect_on: 'my garden', language: 'spanish' });
    const create = world.tavusRequests.find((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'))!;
    expect(create.body).toMatchObject({ custom_greeting: expect.stringContaining('"my garden"'), properties: { language: 'spanish' } });

    const other = await world.user();
    const refused = await gateway(async () => other.token)
      .start({ sessionType: 'reflect_alone', options: { language: 'elvish' as never } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DbError);
    expect(refused).toMatchObject({ code: 'invalid_argument', detail: expect.stringContaining('elvish is not a language Tavus') });
    expect(await db.asOwner('select 1 from public.sessions where user_id = $1', [other.id])).toHaveLength(0);
  });

  it('starts and ends a session through the tavus function with the user token', async () => {
    const { id: uid, token } = await world.user();
    const sessions = gateway(async () => token);
    const started = await sessions.start({ sessionType: 'reflect_alone' });
    expect(started.session).toMatchObject({ user_id: uid, status: 'active', session_type: 'reflect_alone' });
    expect(started.conversationUrl).toBe(started.session.conversation_url);
    expect(started.meetingToken).toMatch(/^[0-9a-f]{40}$/); // the private room's, from the server's answer
    expect(sent[0]!.url).toBe(`${FUNCTIONS_URL}/tavus/sessions`);
    expect(new Headers(sent[0]!.init.headers).get('authorization')).toBe(`Bearer ${token}`);
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ session_type: 'reflect_alone' });

    await elapse(db, started.session.id, 61);
    const ended = await sessions.end(started.session.id);
    expect(ended).toMatchObject({ id: started.session.id, status: 'ended', seconds_used: 61, end_reason: 'user_ended' });
    expect(await conversationStatus(started.session.tavus_conversation_id!)).toBe('ended');
    expect(sessions.callTransport).toBe('daily');
  });

  it("turns the server's refusals back into the data layer's typed errors", async () => {
    const { id: uid, token } = await world.user();
    const sessions = gateway(async () => token);
    const started = await sessions.start({ sessionType: 'reflect_alone' });
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(SessionAlreadyActiveError);
    await sessions.end(started.session.id);
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(DailyLimitReachedError);
    await db.asOwner(`delete from public.sessions where user_id = $1`, [uid]);
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = tavus_minutes_limit * 60 where user_id = $1', [uid]);
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(UsageLimitReachedError);
    await expect(sessions.end('6b0e3a52-9d7c-4f7e-8a51-2f0c8d1e4b3a')).rejects.toBeInstanceOf(SessionNotFoundError);
    const invalid = await sessions.end('not-a-session').catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(DbError);
    expect((invalid as DbError).code).toBe('invalid_argument');
  });

  it("turns Tavus's refusals back into the Tavus client's typed errors", async () => {
    const { token } = await world.user();
    world.tavus.faults.set({ status: 402, match: 'POST /v2/conversations' });
    const failure = await gateway(async () => token)
      .start({ sessionType: 'reflect_alone' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutOfCreditsError);
    expect((failure as TavusError).code).toBe('out_of_credits');
    expect((failure as TavusError).status).toBe(402);
  });

  it('refuses without a request when nobody is signed in, and maps an expired token to NotAuthenticatedError', async () => {
    await expect(gateway(async () => null).start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(sent).toHaveLength(0);
    const { id } = await world.user();
    await expect(gateway(async () => userToken(id, { expiresIn: -5 })).start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(
      NotAuthenticatedError,
    );
  });

  it('reports an unconfirmed Tavus end with the ended session', async () => {
    const { token } = await world.user();
    const sessions = gateway(async () => token);
    const { session } = await sessions.start({ sessionType: 'reflect_alone' });
    world.tavus.faults.set({ status: 503, match: '/end' });
    const failure = await sessions.end(session.id).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConversationEndUnconfirmedError);
    expect((failure as ConversationEndUnconfirmedError).session).toMatchObject({ id: session.id, status: 'ended' });
  });

  it('keeps server problems apart from database and Tavus errors', async () => {
    const { token } = await world.user();
    world.deps.settings.values.TAVUS_API_KEY = undefined;
    const failure = await gateway(async () => token)
      .start({ sessionType: 'reflect_alone' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProxyError);
    expect(failure).toMatchObject({ code: 'tavus_not_configured', status: 503 });
    expect((failure as Error).message).toContain('TAVUS_API_KEY');
  });

  it('reports an unreachable function as a connection error', async () => {
    const sessions = createProxySessions({
      functionsUrl: FUNCTIONS_URL,
      getAccessToken: async () => 'token',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('createProxySessions: a session together', () => {
  it('the host starts with a name and gets the invite; the partner redeems and ends it for both, through the server', async () => {
    const host = await world.user();
    await db.asOwner(`update public.user_subscriptions set plan_id = 'pro', tavus_minutes_limit = 1000 where user_id = $1`, [host.id]);
    const started = await gateway(async () => host.token).start({ sessionType: 'resolve_together', hostName: 'Ada' });
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ session_type: 'resolve_together', host_name: 'Ada' });
    expect(started.invite).toMatchObject({ session_id: started.session.id, host_name: 'Ada' });

    const partner = await world.user();
    const together = gateway(async () => partner.token).together!;
    await expect(together.redeem('ZZZZZZ', 'Grace')).rejects.toMatchObject({ code: 'invite_not_found' });
    const joined = await together.redeem(started.invite!.code, 'Grace');
    expect(joined).toMatchObject({ id: started.session.id, host_name: 'Ada', partner_name: 'Grace', status: 'active' });
    await elapse(db, started.session.id, 40);
    const { session, unconfirmed } = await together.end(started.session.id);
    expect(unconfirmed).toBeUndefined();
    expect(session).toMatchObject({ status: 'ended', end_reason: 'partner_user_ended' });
    expect(await conversationStatus(started.session.tavus_conversation_id!)).toBe('ended');
    expect((await row(started.session.id)).seconds_used).toBe(40);
  });
});
