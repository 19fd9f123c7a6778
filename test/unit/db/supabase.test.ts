import { PGlite } from '@electric-sql/pglite';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import {
  createSupabaseDb,
  DailyLimitReachedError,
  DbError,
  migrate,
  NotAuthenticatedError,
  SessionAlreadyActiveError,
  SessionNotFoundError,
  UsageLimitReachedError,
  type AppDb,
  type Database,
  type DbChange,
} from '@/lib/db';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';
import { ANON_KEY, createStandIn, type StandIn } from './postgrest-stand-in';

const URL_ = 'https://project.supabase.test';
const START = { sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA } as const;

let pg: PGlite;
let standIn: StandIn;
const opened: AppDb[] = [];

/** Node 20 has no WebSocket; the app never opens realtime, so a transport that cannot connect will do. */
class NoWebSocket {
  constructor() {
    throw new Error('realtime is not used by AppDb');
  }
}

function client(fetchImpl: typeof fetch = standIn.fetch): SupabaseClient<Database> {
  return createClient<Database>(URL_, ANON_KEY, {
    global: { fetch: fetchImpl },
    realtime: { transport: NoWebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** A guest who signed in through supabase-js, and the AppDb acting for them. */
async function guest(options: Parameters<typeof createSupabaseDb>[1] = { pollMs: 0 }) {
  const supabase = client();
  const { data, error } = await supabase.auth.signInAnonymously();
  if (error || !data.user) throw error ?? new Error('no user');
  const db = createSupabaseDb(supabase, options);
  opened.push(db);
  return { supabase, db, userId: data.user.id };
}

async function owner<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pg.query<T>(sql, params)).rows;
}

async function rejection(promise: Promise<unknown>): Promise<DbError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: DbError) => error,
  );
}

beforeAll(async () => {
  pg = new PGlite();
  await migrate(pg, await loadDiskSchema());
});

beforeEach(() => {
  standIn = createStandIn(pg, URL_);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

afterAll(async () => {
  await pg.close();
});

describe('supabase-js against PostgREST semantics', () => {
  it('starts, attaches and ends a session as the signed-in user; the minutes land once', async () => {
    const { db, userId } = await guest();
    expect(await db.userId()).toBe(userId);

    const started = await db.startSession(START);
    expect(started).toMatchObject({ user_id: userId, status: 'starting', max_call_duration: 600 });
    expect(standIn.requests.at(-1)!.url.pathname).toBe('/rest/v1/rpc/start_session');
    expect(await db.currentSession()).toEqual(started);

    const attached = await db.attachConversation(started.id, 'csb0001', 'https://tavus.daily.co/csb0001');
    expect(attached.status).toBe('active');
    await owner(`update public.sessions set started_at = now() - interval '45 seconds' where id = $1`, [started.id]);
    const ended = await db.endSession(started.id);
    expect(ended).toMatchObject({ status: 'ended', end_reason: 'user_ended' });
    expect(ended.seconds_used).toBeGreaterThanOrEqual(45);
    expect(await db.endSession(started.id)).toEqual(ended);

    const usage = await db.usage();
    expect(usage).toMatchObject({
      plan: { id: 'free', monthly_minutes: 25 },
      secondsUsed: ended.seconds_used,
      secondsLimit: 1500,
      soloSessionsLeftToday: 0,
    });
    expect(usage.secondsLeft).toBe(1500 - ended.seconds_used);
    expect(await db.currentSession()).toBeNull();
    expect((await db.plans()).map((p) => p.id)).toEqual(['free', 'growth', 'pro']);
  });

  it('maps the functions’ refusals from PostgREST’s error body to typed errors', async () => {
    const { db, userId } = await guest();
    const first = await db.startSession(START);

    const active = await rejection(db.startSession(START));
    expect(active).toBeInstanceOf(SessionAlreadyActiveError);
    expect(active).toMatchObject({ code: 'session_already_active', sqlState: 'P0001', hint: 'End that session first.' });
    expect(active.detail).toMatch(/another tab or device/);

    await db.attachConversation(first.id, 'csb0002', 'https://tavus.daily.co/csb0002');
    await db.endSession(first.id);
    expect(await rejection(db.startSession(START))).toBeInstanceOf(DailyLimitReachedError);

    await owner(`update public.user_subscriptions set tavus_seconds_used = 1500 where user_id = $1`, [userId]);
    const limit = await rejection(db.startSession(START));
    expect(limit).toBeInstanceOf(UsageLimitReachedError);
    expect(limit.message).toMatch(/used all your minutes/);

    expect(await rejection(db.endSession(crypto.randomUUID()))).toBeInstanceOf(SessionNotFoundError);
    const bad = await rejection(db.failSession(first.id, '   '));
    expect(bad).toMatchObject({ code: 'invalid_argument' });
  });

  it('checks input before any request and reads an unknown id as no session', async () => {
    const { db } = await guest();
    const before = standIn.requests.length;
    expect(await rejection(db.startSession({ ...START, personaId: 'not a persona' }))).toMatchObject({ code: 'invalid_argument' });
    expect(await rejection(db.listSessions({ page: 1, pageSize: 1000 }))).toMatchObject({ code: 'invalid_argument' });
    expect(await db.getSession('../etc/passwd')).toBeNull();
    expect(standIn.requests.length).toBe(before);
    expect(await db.getSession(crypto.randomUUID())).toBeNull();
  });

  it('pages sessions newest first with the total, past the end included', async () => {
    const { db } = await guest();
    const a = await db.startSession(START);
    await db.failSession(a.id, 'creation failed');
    const b = await db.startSession(START);
    expect(await db.listSessions({ page: 1, pageSize: 1 })).toEqual({ rows: [b], total: 2 });
    expect((await db.listSessions({ page: 2, pageSize: 1 })).rows.map((s) => s.id)).toEqual([a.id]);
    expect(await db.listSessions({ page: 3, pageSize: 5 })).toEqual({ rows: [], total: 2 });
  });

  it("never shows one user another's sessions", async () => {
    const alice = await guest();
    const bob = await guest();
    const hers = await alice.db.startSession(START);
    expect(await bob.db.getSession(hers.id)).toBeNull();
    expect(await bob.db.currentSession()).toBeNull();
    expect(await rejection(bob.db.endSession(hers.id))).toBeInstanceOf(SessionNotFoundError);
    expect((await bob.db.startSession(START)).user_id).toBe(bob.userId);
  });

  it('a visitor, an expired token and a network failure all surface as errors', async () => {
    const visitor = createSupabaseDb(client(), { pollMs: 0 });
    opened.push(visitor);
    expect(await rejection(visitor.startSession(START))).toBeInstanceOf(NotAuthenticatedError);
    expect(await rejection(visitor.userId())).toBeInstanceOf(NotAuthenticatedError);
    expect(await rejection(visitor.usage())).toBeInstanceOf(NotAuthenticatedError);

    const { db } = await guest();
    standIn.expireTokens = true;
    expect(await rejection(db.currentSession())).toBeInstanceOf(NotAuthenticatedError);
    standIn.expireTokens = false;

    const offline = createSupabaseDb(
      client(async () => {
        throw new TypeError('fetch failed');
      }),
      { pollMs: 0 },
    );
    opened.push(offline);
    const network = await rejection(offline.startSession(START));
    expect(network).toMatchObject({ code: 'db_error' });
    expect(network.message).toMatch(/fetch failed/);
  });

  it('tells other tabs at once and notices other devices by polling', async () => {
    const { supabase } = await guest();
    const tabA = createSupabaseDb(supabase, { pollMs: 0 });
    const tabB = createSupabaseDb(supabase, { pollMs: 40 });
    opened.push(tabA, tabB);
    const heard: DbChange[] = [];
    tabB.subscribe((change) => heard.push(change));

    const started = await tabA.startSession(START);
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'sessions', sessionId: started.id }));

    heard.length = 0;
    // Another device fails the session: only the poll can notice.
    await owner(`update public.sessions set status = 'failed', ended_at = now() where id = $1`, [started.id]);
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'sessions' }));
  });

  it('writes personas through the migration functions', async () => {
    const { db, userId } = await guest();
    const saved = await db.savePersona(null, {
      persona_name: 'Night owl',
      system_prompt: 'Speak softly.',
      layers: { llm: { model: 'tavus-gpt-4o' } },
    });
    expect(saved).toMatchObject({ owner_id: userId, sync_status: 'pending', layers: { llm: { model: 'tavus-gpt-4o' } } });
    const failed = await db.markPersonaFailed(saved.id, 'Tavus said 400: invalid replica');
    expect(failed).toMatchObject({ sync_status: 'failed', sync_error: 'Tavus said 400: invalid replica' });
    expect(await db.listPersonas()).toEqual([failed]);
    expect(await rejection(db.markPersonaSynced(crypto.randomUUID(), 'pabc12345'))).toMatchObject({ code: 'persona_not_found' });
  });
});
