import { PGlite } from '@electric-sql/pglite';
import {
  createEmbeddedDb,
  DailyLimitReachedError,
  DbError,
  migrate,
  MigrationChangedError,
  NotAuthenticatedError,
  SessionAlreadyActiveError,
  SessionNotFoundError,
  UsageLimitReachedError,
  toDbError,
  type AppDb,
  type DbChange,
} from '@/lib/db';
import { SIGN_UP } from '../../db/sign-up.mjs';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';

const START = { sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA } as const;

let pg: PGlite;
let tabA: AppDb;
let tabB: AppDb;

async function owner<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pg.query<T>(sql, params)).rows;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  pg = new PGlite();
  tabA = createEmbeddedDb({ pglite: pg, loadSchema: loadDiskSchema });
  tabB = createEmbeddedDb({ pglite: pg, loadSchema: loadDiskSchema });
  await tabA.userId();
});

afterAll(async () => {
  await tabA.close();
  await tabB.close();
  await pg.close();
});

beforeEach(async () => {
  // Both "tabs" write for real (they commit), so each test starts from a clean local user.
  await pg.exec(`
    delete from public.sessions;
    delete from public.personas;
    update public.user_subscriptions set tavus_seconds_used = 0;
  `);
});

describe('opening', () => {
  it("applies Supabase's base and every migration once, and a second open applies nothing new", async () => {
    const schema = await loadDiskSchema();
    const recorded = await owner<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
    expect(recorded.map((r) => r.version)).toEqual(
      [...schema.base.map((b) => `supabase-base/${b.name}`), ...schema.migrations.map((m) => m.name)].sort(),
    );
    expect(schema.base.map((b) => b.name)).toEqual(['00_roles.sql', '01_auth.sql']);

    await tabB.userId();
    expect(await migrate(pg, schema)).toEqual({ applied: [] });
    expect(await owner('select version from supabase_migrations.schema_migrations')).toHaveLength(recorded.length);
  });

  it('applies only a migration added later, and refuses one edited after it was applied', async () => {
    const schema = await loadDiskSchema();
    const added = { name: '99990101000000_local_note.sql', sql: 'create table public.local_note (id int primary key);' };
    try {
      expect(await migrate(pg, { ...schema, migrations: [...schema.migrations, added] })).toEqual({ applied: [added.name] });
      const edited = schema.migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
      const error = await rejection(migrate(pg, { ...schema, migrations: edited }));
      expect(error).toBeInstanceOf(MigrationChangedError);
      expect((error as Error).message).toContain(schema.migrations[0]!.name);
    } finally {
      await pg.exec(
        `drop table if exists public.local_note; delete from supabase_migrations.schema_migrations where version = '${added.name}'`,
      );
    }
  });

  it('a failing migration names its file and leaves nothing behind', async () => {
    const schema = await loadDiskSchema();
    const good = { name: '99990101000000_half.sql', sql: 'create table public.half_done (id int);' };
    const broken = { name: '99990102000000_broken.sql', sql: 'select 1/0;' };
    const error = await rejection(migrate(pg, { ...schema, migrations: [...schema.migrations, good, broken] }));
    expect(error).toMatchObject({ code: 'db_error' });
    expect((error as Error).message).toMatch(/99990102000000_broken\.sql.*division by zero/);
    expect(await owner(`select to_regclass('public.half_done') as t`)).toEqual([{ t: null }]);
    expect(await owner(`select version from supabase_migrations.schema_migrations where version like '9999%'`)).toEqual([]);
  });

  it('makes one local user, shared by every tab, with a free subscription', async () => {
    const id = await tabA.userId();
    expect(await tabB.userId()).toBe(id);
    expect(await owner('select id from auth.users')).toEqual([{ id }]);
    const usage = await tabA.usage();
    expect(usage).toMatchObject({ plan: { id: 'free' }, secondsUsed: 0, secondsLimit: 1500, secondsLeft: 1500, soloSessionsLeftToday: 1 });
  });
});

describe('a session', () => {
  it('goes from start to attach to end, and the minutes land in usage exactly once', async () => {
    const started = await tabA.startSession(START);
    expect(started).toMatchObject({ status: 'starting', session_type: 'reflect_alone', persona_id: PERSONA, max_call_duration: 600 });
    expect(started.conversation_name).toBe(`awaknow_reflect_alone_${started.id}`);

    const attached = await tabA.attachConversation(started.id, 'c123abc', 'https://tavus.daily.co/c123abc');
    expect(attached).toMatchObject({
      status: 'active',
      tavus_conversation_id: 'c123abc',
      conversation_url: 'https://tavus.daily.co/c123abc',
    });

    // 90 seconds of call, measured by the database's clock.
    await owner(`update public.sessions set started_at = now() - interval '90 seconds' where id = $1`, [started.id]);
    const ended = await tabA.endSession(started.id);
    expect(ended.status).toBe('ended');
    expect(ended.seconds_used).toBeGreaterThanOrEqual(90);
    expect(ended.seconds_used).toBeLessThanOrEqual(91);
    expect(await tabA.endSession(started.id)).toEqual(ended);

    const usage = await tabA.usage();
    expect(usage.secondsUsed).toBe(ended.seconds_used);
    expect(usage.secondsLeft).toBe(1500 - ended.seconds_used);
    expect(await owner('select seconds_used from public.tavus_usage')).toEqual([{ seconds_used: ended.seconds_used }]);
    expect(await tabA.currentSession()).toBeNull();
  });

  it("reads the start page's state in one statement: the open session and the usage, as the user", async () => {
    expect(await tabA.home!()).toEqual({ current: null, usage: await tabA.usage() });
    const session = await tabA.startSession(START);
    const home = await tabB.home!();
    expect(home).toEqual({ current: await tabB.currentSession(), usage: await tabB.usage() });
    expect(home.current?.id).toBe(session.id);
    // As the user: another user's open session is not theirs to see.
    const other = crypto.randomUUID();
    await owner(SIGN_UP, [other, 'other@example.test', false]);
    await owner(`update public.sessions set user_id = $1 where id = $2`, [other, session.id]);
    expect((await tabA.home!()).current).toBeNull();
    await owner(`delete from auth.users where id = $1`, [other]);
  });

  it('fails without charge when the conversation could not be created', async () => {
    const started = await tabA.startSession(START);
    const failed = await tabA.failSession(started.id, 'Tavus answered 402: out of credits');
    expect(failed).toMatchObject({ status: 'failed', error: 'Tavus answered 402: out of credits', seconds_used: 0 });
    expect((await tabA.usage()).secondsUsed).toBe(0);
  });

  it('lists newest first with the total, and finds one by id', async () => {
    const first = await tabA.startSession(START);
    await tabA.failSession(first.id, 'creation failed');
    const second = await tabA.startSession(START);
    expect(await tabA.listSessions({ page: 1, pageSize: 1 })).toEqual({ rows: [second], total: 2 });
    expect((await tabA.listSessions({ page: 2, pageSize: 1 })).rows.map((s) => s.id)).toEqual([first.id]);
    expect(await tabA.listSessions({ page: 5, pageSize: 10 })).toEqual({ rows: [], total: 2 });
    expect(await tabA.getSession(first.id)).toMatchObject({ id: first.id, status: 'failed' });
    expect(await tabA.getSession(crypto.randomUUID())).toBeNull();
    expect(await tabA.getSession('not-a-uuid')).toBeNull();
  });

  it("runs as the user: another user's session is invisible and cannot be ended", async () => {
    const stranger = crypto.randomUUID();
    await owner(SIGN_UP, [stranger, 'stranger@example.test', false]);
    const [{ id: theirs }] = (await owner<{ id: string }>(
      `insert into public.sessions (user_id, session_type, persona_id, conversation_name, max_call_duration)
       values ($1, 'reflect_alone', $2, 'theirs', 60) returning id`,
      [stranger, PERSONA],
    )) as [{ id: string }];
    try {
      expect(await tabA.getSession(theirs)).toBeNull();
      expect(await tabA.currentSession()).toBeNull();
      expect((await tabA.listSessions({ page: 1, pageSize: 10 })).total).toBe(0);
      expect(await rejection(tabA.endSession(theirs))).toBeInstanceOf(SessionNotFoundError);
      expect(await owner('select status from public.sessions where id = $1', [theirs])).toEqual([{ status: 'starting' }]);
    } finally {
      await owner('delete from auth.users where id = $1', [stranger]);
    }
  });
});

describe('refusals arrive as typed errors with advice', () => {
  it('session_already_active, even from another tab', async () => {
    const started = await tabA.startSession(START);
    expect(await tabB.currentSession()).toEqual(started);
    const error = await rejection(tabB.startSession(START));
    expect(error).toBeInstanceOf(SessionAlreadyActiveError);
    expect(error).toMatchObject({ code: 'session_already_active', hint: 'End that session first.' });
    expect((error as Error).message).toMatch(/another tab or device/i);
    expect(await owner('select count(*)::int as n from public.sessions')).toEqual([{ n: 1 }]);
  });

  it('daily_limit_reached after the free plan’s one solo session today', async () => {
    const first = await tabA.startSession(START);
    await tabA.attachConversation(first.id, 'cdaily1', 'https://tavus.daily.co/cdaily1');
    await tabA.endSession(first.id);
    const error = await rejection(tabA.startSession(START));
    expect(error).toBeInstanceOf(DailyLimitReachedError);
    expect((error as DbError).message).toMatch(/tomorrow/);
  });

  it('usage_limit_reached when the minutes are used up', async () => {
    await owner('update public.user_subscriptions set tavus_seconds_used = 1490');
    const error = await rejection(tabA.startSession(START));
    expect(error).toBeInstanceOf(UsageLimitReachedError);
    expect((error as DbError).message).toMatch(/used all your minutes/);
    expect(await tabA.currentSession()).toBeNull();
  });

  it('session_not_found for an unknown session; invalid input changes nothing', async () => {
    expect(await rejection(tabA.endSession(crypto.randomUUID()))).toBeInstanceOf(SessionNotFoundError);
    const bad = await rejection(tabA.startSession({ sessionType: 'party' as never, personaId: PERSONA }));
    expect(bad).toMatchObject({ code: 'invalid_argument' });
    expect((bad as Error).message).toContain('sessionType');
    expect(await rejection(tabA.endSession('42'))).toMatchObject({ code: 'invalid_argument' });
    expect(await rejection(tabA.listSessions({ page: 0, pageSize: 10 }))).toMatchObject({ code: 'invalid_argument' });
    expect(await owner('select count(*)::int as n from public.sessions')).toEqual([{ n: 0 }]);
  });

  it('a refusal the database words (bad reason code) surfaces with its detail', async () => {
    const started = await tabA.startSession(START);
    const error = await rejection(tabA.endSession(started.id, 'Closed The Tab!'));
    expect(error).toMatchObject({ code: 'invalid_argument', sqlState: 'P0001' });
    expect((error as DbError).message).toContain('p_reason');
  });

  it('every class is a DbError and unknown failures become db_error with their text', async () => {
    const tooLong = await rejection(tabA.startSession({ ...START, personaId: 'p'.repeat(200) }));
    expect(tooLong).toBeInstanceOf(DbError);
    expect(new NotAuthenticatedError()).toBeInstanceOf(DbError);
    const unknown = toDbError({ code: '53100', message: 'could not extend file: No space left on device' });
    expect(unknown).toMatchObject({ code: 'db_error', sqlState: '53100' });
    expect(unknown.message).toContain('No space left on device');
    expect(toDbError(new Error('Leader changed, pending operation in indeterminate state'))).toMatchObject({ code: 'db_error' });
    expect(toDbError({ code: 'PGRST303', message: 'JWT expired' })).toBeInstanceOf(NotAuthenticatedError);
  });
});

describe('tabs', () => {
  it('hear each other’s session changes', async () => {
    const heard: DbChange[] = [];
    const stop = tabB.subscribe((change) => heard.push(change));
    try {
      const started = await tabA.startSession(START);
      await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'sessions', sessionId: started.id }));
      await tabA.failSession(started.id, 'creation failed');
      await vi.waitFor(() => expect(heard.filter((c) => c.sessionId === started.id)).toHaveLength(2));
    } finally {
      stop();
    }
  });

  it('a session a closed tab left open past its limit is closed, charged its cap, before the next start', async () => {
    const stale = await tabA.startSession(START);
    await tabA.attachConversation(stale.id, 'cstale1', 'https://tavus.daily.co/cstale1');
    await owner(`update public.sessions set created_at = now() - interval '1 day', started_at = now() - interval '1 day' where id = $1`, [
      stale.id,
    ]);
    const next = await tabB.startSession(START);
    expect(next.status).toBe('starting');
    expect(await tabB.getSession(stale.id)).toMatchObject({ status: 'ended', end_reason: 'expired', seconds_used: 600 });
    expect((await tabB.usage()).secondsUsed).toBe(600);
  });
});

describe('personas', () => {
  it('are saved, synced and listed as the local user; bad fields are refused', async () => {
    const saved = await tabA.savePersona(null, { persona_name: 'Calm guide', system_prompt: 'You listen.' });
    expect(saved).toMatchObject({ persona_name: 'Calm guide', sync_status: 'pending', owner_id: await tabA.userId() });
    const synced = await tabA.markPersonaSynced(saved.id, 'pabc12345');
    expect(synced).toMatchObject({ sync_status: 'synced', tavus_persona_id: 'pabc12345' });
    expect(await tabB.listPersonas()).toEqual([synced]);
    expect(await tabB.getPersona(saved.id)).toEqual(synced);
    expect(await rejection(tabA.savePersona(null, { persona_name: 'No prompt' }))).toMatchObject({ code: 'invalid_argument' });
    expect(await rejection(tabA.deletePersona(crypto.randomUUID()))).toMatchObject({ code: 'persona_not_found' });
  });
});
