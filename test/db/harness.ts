import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import type { Database } from '@/lib/db/database.types';
import { baseDir, baseFiles, migrationsDir, schemaFiles, SIGN_UP } from './pg-server.mjs';

export type SessionRow = Database['public']['Tables']['sessions']['Row'];
export type SubscriptionRow = Database['public']['Tables']['user_subscriptions']['Row'];
export type UsageRow = Database['public']['Tables']['tavus_usage']['Row'];

/** Supabase's base (vendored roles and auth schema), then every migration: the order the embedded mode uses. */
export { baseDir, baseFiles, migrationsDir, schemaFiles };

type Params = unknown[];

export interface TestDb {
  pg: PGlite;
  /** Runs as PGlite's only user, the superuser postgres (what a migration or Supabase itself would do). */
  asOwner<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** Runs as `authenticated` with a JWT whose sub is `uid`, the way PostgREST does. */
  asUser<T = Record<string, unknown>>(uid: string, sql: string, params?: Params): Promise<T[]>;
  asAnon<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  asService<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** Signs up a user the way Supabase Auth does: an auth.users row, and an email identity unless anonymous. */
  createUser(options?: { anonymous?: boolean; email?: string }): Promise<string>;
}

/**
 * One PGlite per test file with the real migrations applied. Call `setupTestDb()` once at the top of
 * the file: every test runs inside a transaction that is rolled back afterwards, and each role
 * switch happens inside a savepoint so a refused statement leaves the test's transaction usable.
 */
export function setupTestDb(): TestDb {
  let pg: PGlite | undefined;

  beforeAll(async () => {
    pg = new PGlite();
    for (const file of schemaFiles()) {
      await pg.exec(readFileSync(file, 'utf8'));
    }
  });
  afterAll(async () => {
    await pg?.close();
  });
  beforeEach(async () => {
    await db().exec('begin');
  });
  afterEach(async () => {
    await db().exec('rollback');
  });

  const db = (): PGlite => {
    if (!pg) throw new Error('The test database is not ready: call setupTestDb() at the top of the test file.');
    return pg;
  };

  async function as<T>(role: string | null, claims: object | null, sql: string, params: Params = []): Promise<T[]> {
    const conn = db();
    await conn.exec('savepoint as_role');
    try {
      if (role) await conn.exec(`set local role ${role}`);
      if (claims) await conn.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      const result = await conn.query<T>(sql, params);
      await conn.exec(`reset role; select set_config('request.jwt.claims', '', true); release savepoint as_role`);
      return result.rows;
    } catch (error) {
      await conn.exec('rollback to savepoint as_role; release savepoint as_role');
      throw error;
    }
  }

  return {
    get pg() {
      return db();
    },
    asOwner: (sql, params) => as(null, null, sql, params),
    asUser: (uid, sql, params) => as('authenticated', { sub: uid, role: 'authenticated' }, sql, params),
    asAnon: (sql, params) => as('anon', { role: 'anon' }, sql, params),
    asService: (sql, params) => as('service_role', { role: 'service_role' }, sql, params),
    async createUser(options = {}) {
      const id = crypto.randomUUID();
      const email = options.anonymous ? null : (options.email ?? `user-${id}@example.test`);
      await as(null, null, SIGN_UP, [id, email, !!options.anonymous]);
      return id;
    },
  };
}

/** The earlier name of setupTestDb, kept for the tests that import it. */
export const useTestDb = setupTestDb;

/** The error a statement raised, so a test can assert its code, detail and SQLSTATE. */
export async function errorOf(promise: Promise<unknown>): Promise<{ message: string; code?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { message: string; code?: string; detail?: string };
  }
  throw new Error('Expected the statement to be refused, but it succeeded.');
}

export const PERSONA = 'p7e13c73f41f';
export const REPLICA = 'r4317e64d25a';

/** Starts a session as `uid` (reflect_alone by default) and returns the reserved row. */
export async function startSession(db: TestDb, uid: string, type = 'reflect_alone'): Promise<SessionRow> {
  const rows = await db.asUser<SessionRow>(uid, 'select * from public.start_session($1, $2, $3)', [type, PERSONA, REPLICA]);
  return rows[0]!;
}

/** Starts and attaches a session: the state a live call is in. */
export async function startActiveSession(db: TestDb, uid: string, type = 'reflect_alone'): Promise<SessionRow> {
  const session = await startSession(db, uid, type);
  const conversationId = `c${session.id.replaceAll('-', '').slice(0, 16)}`;
  const rows = await db.asUser<SessionRow>(uid, 'select * from public.attach_conversation($1, $2, $3)', [
    session.id,
    conversationId,
    `https://tavus.daily.co/${conversationId}`,
  ]);
  return rows[0]!;
}

export async function endSession(db: TestDb, uid: string, sessionId: string, reason = 'user_ended'): Promise<SessionRow> {
  const rows = await db.asUser<SessionRow>(uid, 'select * from public.end_session($1, $2)', [sessionId, reason]);
  return rows[0]!;
}

/** Within a test transaction now() stands still: move the session's clock back instead. */
export async function elapse(db: TestDb, sessionId: string, seconds: number): Promise<void> {
  await db.asOwner(
    `update public.sessions
        set created_at = created_at - make_interval(secs => $2),
            started_at = started_at - make_interval(secs => $2)
      where id = $1`,
    [sessionId, seconds],
  );
}

export async function subscriptionOf(db: TestDb, uid: string): Promise<SubscriptionRow> {
  const rows = await db.asOwner<SubscriptionRow>('select * from public.user_subscriptions where user_id = $1', [uid]);
  return rows[0]!;
}

export async function usageRowsOf(db: TestDb, uid: string): Promise<UsageRow[]> {
  return db.asOwner<UsageRow>('select * from public.tavus_usage where user_id = $1', [uid]);
}

export async function setPlan(db: TestDb, uid: string, planId: string): Promise<void> {
  await db.asOwner(
    `update public.user_subscriptions s
        set plan_id = p.id, tavus_minutes_limit = p.monthly_minutes
       from public.plans p
      where p.id = $2 and s.user_id = $1`,
    [uid, planId],
  );
}
