import pg from 'pg';
import { API_ROLES, GRANT_MATRIX, GRANT_MATRIX_SQL } from './grant-matrix';
import { applySchema, createUser, findPostgresBin, startPostgres, type PostgresServer } from './pg-server.mjs';

// Every read and call the app makes through supabase-js (src/lib/db/supabase, and the edge
// functions' supabase/functions/_shared/db.ts), made the way PostgREST makes it, on a real
// PostgreSQL server built like a Supabase project created today: Supabase's roles and auth schema,
// no default privileges for the api roles, the migrations run as postgres (not a superuser).
//
// PostgREST's request, per its documentation (docs.postgrest.org, v12, references/auth "user
// impersonation" and "impersonated role settings", references/transactions): it is connected as
// `authenticator`; each request is one transaction, READ ONLY for GET and HEAD and READ WRITE for
// a POST to a volatile function; inside it, transaction-scoped settings take the JWT's role
// (`set_config('role', ...)`), its claims (`request.jwt.claims`), the method and path, and the
// role's own settings (statement_timeout); then the one statement runs.

const bin = findPostgresBin();
if (!bin) console.warn('[data-api] SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin.');
const describeWithServer = bin ? describe : describe.skip;

type Claims = { role: string; sub?: string };
type Row = Record<string, unknown>;
type Caller = 'anon' | 'user' | 'other' | 'service';

interface Fixture {
  uid: string;
  sessionIds: string[];
  openSessionId: string;
  endedSessionId: string;
  conversationId: string;
  personaId: string;
  seconds: number;
}

const CALLERS: Caller[] = ['anon', 'user', 'other', 'service'];

let server: PostgresServer;
let owner: pg.Client;
let authenticator: pg.Client;
let roleSettings: Map<string, Array<[string, string]>>;
let a: Fixture;
let b: Fixture;

function claimsOf(caller: Caller): Claims {
  if (caller === 'anon') return { role: 'anon' };
  if (caller === 'service') return { role: 'service_role' };
  return { role: 'authenticated', sub: (caller === 'user' ? a : b).uid };
}

/** One PostgREST request as `authenticator`: returns the rows, or throws PostgreSQL's error. */
async function request(claims: Claims, method: 'GET' | 'HEAD' | 'POST', path: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const mode = method === 'POST' ? 'read write' : 'read only';
  await authenticator.query(`start transaction isolation level read committed ${mode}`);
  try {
    const settings: Array<[string, string]> = [
      ['role', claims.role],
      ['request.jwt.claims', JSON.stringify({ aud: claims.role === 'authenticated' ? 'authenticated' : undefined, ...claims })],
      ['request.method', method],
      ['request.path', path],
      ...(roleSettings.get(claims.role) ?? []),
    ];
    await authenticator.query(`select set_config(name, value, true) from unnest($1::text[], $2::text[]) as s(name, value)`, [
      settings.map((s) => s[0]),
      settings.map((s) => s[1]),
    ]);
    const result = await authenticator.query(sql, params);
    await authenticator.query('commit');
    return result.rows as Row[];
  } catch (error) {
    await authenticator.query('rollback');
    throw error;
  }
}

/** A POST /rpc/<fn>; every call's outcome is asserted where it is made, and counted here. */
const rpc = (caller: Caller, fn: string, args: Record<string, unknown>) => {
  const names = Object.keys(args);
  const call = `select to_jsonb(r) as row from public.${fn}(${names.map((n, i) => `${n} => $${i + 1}`).join(', ')}) as r`;
  const values = names.map((n) => (args[n] !== null && typeof args[n] === 'object' ? JSON.stringify(args[n]) : args[n]));
  calls.tried += 1;
  return request(claimsOf(caller), 'POST', `/rpc/${fn}`, call, values).then(
    (rows) => {
      calls.allowed += 1;
      return rows[0]?.row as Row;
    },
    (error: unknown) => {
      calls.refused += 1;
      throw error;
    },
  );
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message: string };
    return e.code === 'P0001' ? e.message : (e.code ?? e.message);
  }
  return 'allowed';
}

/** A user with what the app's screens show: a failed, an ended (charged) and an open session, and a persona. */
async function fixture(secondsAgo: number): Promise<Fixture> {
  const uid = await createUser(owner);
  // growth has no daily limit, so one user can hold all three sessions
  await owner.query(`update public.user_subscriptions set plan_id = 'growth', tavus_minutes_limit = 300 where user_id = $1`, [uid]);
  const as = (fn: string, args: Record<string, unknown>) => rpc('user', fn, args);
  const start = { p_session_type: 'reflect_alone', p_persona_id: 'p7e13c73f41f', p_replica_id: 'r4317e64d25a' };
  const self = { uid } as Fixture;
  const previous = a;
  a = self; // rpc('user') acts for `a`
  try {
    const failed = await as('start_session', start);
    await as('fail_session', { p_session_id: failed.id, p_error: 'tavus_unavailable' });
    const ended = await as('start_session', start);
    const conversationId = `c${String(ended.id).replaceAll('-', '').slice(0, 16)}`;
    await as('attach_conversation', {
      p_session_id: ended.id,
      p_conversation_id: conversationId,
      p_conversation_url: `https://tavus.daily.co/${conversationId}`,
    });
    await owner.query(`update public.sessions set started_at = started_at - make_interval(secs => $2) where id = $1`, [
      ended.id,
      secondsAgo,
    ]);
    const charged = await as('end_session', { p_session_id: ended.id, p_reason: 'user_ended' });
    const open = await as('start_session', start);
    const persona = await as('save_persona', { p_persona_id: null, p_fields: { persona_name: 'Coach', system_prompt: 'Listen.' } });
    await as('mark_persona_failed', { p_persona_id: persona.id, p_error: 'tavus said no' });
    await as('mark_persona_synced', { p_persona_id: persona.id, p_tavus_persona_id: `p${uid.slice(0, 8)}` });
    const linked = await as('link_persona', { p_tavus_persona_id: `q${uid.slice(0, 8)}`, p_fields: { persona_name: 'Linked' } });
    await as('delete_persona', { p_persona_id: linked.id });
    return Object.assign(self, {
      sessionIds: [failed.id, ended.id, open.id] as string[],
      openSessionId: open.id as string,
      endedSessionId: ended.id as string,
      conversationId,
      personaId: persona.id as string,
      seconds: charged.seconds_used as number,
    });
  } finally {
    a = previous;
  }
}

interface Read {
  name: string;
  method: 'GET' | 'HEAD';
  sql: string;
  params?: () => unknown[];
  /** What each caller is meant to get: 'refused' (42501), or a check of the rows it is shown. */
  expect: Partial<Record<Caller, (rows: Row[], me: Fixture) => void>>;
}

const ownSessions = (rows: Row[], me: Fixture) => {
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(me.sessionIds).toContain(row.id);
};
const allSessions = (rows: Row[]) => {
  const ids = rows.map((row) => row.id);
  expect(ids).toEqual(expect.arrayContaining([a.endedSessionId]));
};
const count = (expected: (me: Fixture) => number) => (rows: Row[], me: Fixture) => expect(rows).toEqual([{ count: expected(me) }]);

// The app's reads, as postgrest-js sends them (src/lib/db/supabase/supabase-db.ts).
const READS: Read[] = [
  {
    name: 'GET /sessions?status=in.(starting,active)&order=created_at.desc&limit=1 (the open session)',
    method: 'GET',
    sql: `select * from public.sessions where status = any($1) order by created_at desc limit 1`,
    params: () => [['starting', 'active']],
    expect: {
      user: (rows, me) => expect(rows.map((r) => r.id)).toEqual([me.openSessionId]),
      other: (rows, me) => expect(rows.map((r) => r.id)).toEqual([me.openSessionId]),
      service: (rows) => expect(rows).toHaveLength(1),
    },
  },
  {
    name: "GET /sessions?id=eq.<user's session> (a session; the webhook's service read)",
    method: 'GET',
    sql: `select * from public.sessions where id = $1`,
    params: () => [a.endedSessionId],
    expect: {
      user: (rows) => expect(rows.map((r) => r.id)).toEqual([a.endedSessionId]),
      other: (rows) => expect(rows).toEqual([]),
      service: (rows) => expect(rows.map((r) => r.id)).toEqual([a.endedSessionId]),
    },
  },
  {
    name: 'GET /sessions?order=created_at.desc,id.desc&offset=0&limit=20, count=exact (the list)',
    method: 'GET',
    sql: `select count(*) over ()::int as total, * from public.sessions order by created_at desc, id desc limit 20 offset 0`,
    expect: { user: ownSessions, other: ownSessions, service: allSessions },
  },
  {
    name: 'HEAD /sessions, count=exact',
    method: 'HEAD',
    sql: `select count(*)::int as count from public.sessions`,
    expect: { user: count(() => 3), other: count(() => 3), service: count(() => 6) },
  },
  {
    name: 'GET /my_usage (the plan and minutes left)',
    method: 'GET',
    sql: `select * from public.my_usage`,
    expect: {
      user: (rows, me) => expect(rows).toMatchObject([{ user_id: me.uid, plan_id: 'growth', tavus_seconds_used: me.seconds }]),
      other: (rows, me) => expect(rows).toMatchObject([{ user_id: me.uid, plan_id: 'growth', tavus_seconds_used: me.seconds }]),
    },
  },
  {
    name: 'GET /plans?order=monthly_minutes,id',
    method: 'GET',
    sql: `select * from public.plans order by monthly_minutes, id`,
    expect: Object.fromEntries(
      (['anon', 'user', 'other'] as Caller[]).map((c) => [
        c,
        (rows: Row[]) => expect(rows.map((r) => r.id)).toEqual(['free', 'growth', 'pro']),
      ]),
    ),
  },
  {
    name: 'GET /my_session_history?order=created_at.desc,id.desc&offset=0&limit=20, count=exact',
    method: 'GET',
    sql: `select count(*) over ()::int as total, * from public.my_session_history order by created_at desc, id desc limit 20 offset 0`,
    expect: { user: ownSessions, other: ownSessions },
  },
  {
    name: 'HEAD /my_session_history, count=exact',
    method: 'HEAD',
    sql: `select count(*)::int as count from public.my_session_history`,
    expect: { user: count(() => 3), other: count(() => 3) },
  },
  {
    name: 'GET /my_usage_days?order=usage_date',
    method: 'GET',
    sql: `select * from public.my_usage_days order by usage_date`,
    expect: {
      user: (rows, me) => expect(rows.reduce((sum, r) => sum + Number(r.seconds_used), 0)).toBe(me.seconds),
      other: (rows, me) => expect(rows.reduce((sum, r) => sum + Number(r.seconds_used), 0)).toBe(me.seconds),
    },
  },
  {
    name: 'GET /my_usage_breakdown',
    method: 'GET',
    sql: `select * from public.my_usage_breakdown`,
    expect: {
      user: (rows, me) =>
        expect(rows.find((r) => r.dimension === 'total')).toMatchObject({
          seconds_used: me.seconds,
          sessions_ended: 1,
          sessions_failed: 1,
        }),
      other: (rows, me) =>
        expect(rows.find((r) => r.dimension === 'total')).toMatchObject({
          seconds_used: me.seconds,
          sessions_ended: 1,
          sessions_failed: 1,
        }),
    },
  },
  {
    name: 'GET /personas?order=updated_at.desc,id',
    method: 'GET',
    sql: `select * from public.personas order by updated_at desc, id`,
    expect: {
      user: (rows, me) => expect(rows.map((r) => r.id)).toEqual([me.personaId]),
      other: (rows, me) => expect(rows.map((r) => r.id)).toEqual([me.personaId]),
    },
  },
  {
    name: "GET /personas?id=eq.<user's persona>",
    method: 'GET',
    sql: `select * from public.personas where id = $1`,
    params: () => [a.personaId],
    expect: { user: (rows) => expect(rows.map((r) => r.id)).toEqual([a.personaId]), other: (rows) => expect(rows).toEqual([]) },
  },
];

const tally = { tried: 0, allowed: 0, refused: 0 };
const calls = { tried: 0, allowed: 0, refused: 0 };

describeWithServer('the Data API on a Supabase project created today', () => {
  beforeAll(async () => {
    server = await startPostgres({ bin, maxConnections: 20 });
    owner = new pg.Client({ connectionString: server.connectionString });
    await owner.connect();
    await applySchema(owner);
    authenticator = new pg.Client({ connectionString: server.connectionString.replace('//postgres@', '//authenticator@') });
    await authenticator.connect();
    const { rows } = await authenticator.query<{ role: string; name: string; value: string }>(
      `select r.rolname as role, split_part(c, '=', 1) as name, substr(c, strpos(c, '=') + 1) as value
         from pg_db_role_setting s join pg_roles r on r.oid = s.setrole cross join unnest(s.setconfig) c
        where s.setdatabase = 0 and r.rolname = any($1)`,
      [[...API_ROLES]],
    );
    roleSettings = new Map();
    for (const row of rows) roleSettings.set(row.role, [...(roleSettings.get(row.role) ?? []), [row.name, row.value]]);
    a = await fixture(100);
    b = await fixture(200);
  }, 120_000);

  afterAll(async () => {
    console.info(`[data-api] reads tried ${tally.tried}: allowed as designed ${tally.allowed}, refused as designed ${tally.refused}`);
    console.info(`[data-api] calls tried ${calls.tried}: allowed as designed ${calls.allowed}, refused as designed ${calls.refused}`);
    await Promise.allSettled([authenticator?.end(), owner?.end()]);
    await server?.stop();
  }, 60_000);

  it('is served by roles that are what Supabase makes them', async () => {
    const { rows } = await owner.query(
      `select rolname, rolsuper, rolinherit, rolbypassrls, rolcanlogin from pg_roles
        where rolname in ('postgres', 'anon', 'authenticated', 'service_role', 'authenticator') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolsuper: false, rolinherit: true, rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolsuper: false, rolinherit: true, rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolsuper: false, rolinherit: false, rolbypassrls: false, rolcanlogin: true },
      { rolname: 'postgres', rolsuper: false, rolinherit: true, rolbypassrls: true, rolcanlogin: true },
      { rolname: 'service_role', rolsuper: false, rolinherit: true, rolbypassrls: true, rolcanlogin: false },
    ]);
    expect(roleSettings.get('anon')).toEqual([['statement_timeout', '3s']]);
    expect(roleSettings.get('authenticated')).toEqual([['statement_timeout', '8s']]);
    const owners = await owner.query(
      `select distinct relowner::regrole::text as owner from pg_class where relnamespace = 'public'::regnamespace`,
    );
    expect(owners.rows).toEqual([{ owner: 'postgres' }]);
    const users = await owner.query(
      `select count(*)::int as columns, bool_or(column_name = 'id' and column_default is null) as id_without_default
         from information_schema.columns where table_schema = 'auth' and table_name = 'users'`,
    );
    expect(users.rows).toEqual([{ columns: 35, id_without_default: true }]);
  });

  it('gives the api roles no read or write on a table or view a migration creates without granting it', async () => {
    // (truncate, references and trigger stay in Supabase's defaults; the data api has no way to use them)
    await owner.query('begin');
    try {
      await owner.query(
        'create table public.ungranted (id int primary key); create view public.ungranted_view as select 1 as one; create function public.ungranted_fn() returns int language sql as $$ select 1 $$',
      );
      const { rows } = await owner.query<{ grant: string }>(GRANT_MATRIX_SQL, [[...API_ROLES]]);
      const reads = rows
        .map((row) => row.grant)
        .filter((grant) => / (ungranted|ungranted_view) (SELECT|INSERT|UPDATE|DELETE)$/.test(grant));
      expect(reads).toEqual([]);
      // postgresql itself lets public execute a new function: the migrations revoke it where they make one
      expect(rows.map((row) => row.grant).filter((grant) => grant.includes('ungranted_fn'))).toEqual(
        API_ROLES.map((role) => `${role} function ungranted_fn EXECUTE`),
      );
    } finally {
      await owner.query('rollback');
    }
  });

  it('grants the api roles exactly the matrix', async () => {
    const { rows } = await owner.query<{ grant: string }>(GRANT_MATRIX_SQL, [[...API_ROLES]]);
    expect(rows.map((row) => row.grant)).toEqual(GRANT_MATRIX);
  });

  for (const read of READS) {
    it(`${read.name}: ${CALLERS.map((c) => `${c} ${read.expect[c] ? 'reads' : 'refused'}`).join(', ')}`, async () => {
      for (const caller of CALLERS) {
        const check = read.expect[caller];
        const attempt = request(claimsOf(caller), read.method, read.name, read.sql, read.params?.() ?? []);
        tally.tried += 1;
        if (check) {
          check(await attempt, caller === 'other' ? b : a);
          tally.allowed += 1;
        } else {
          await expect(attempt, `${caller} must be refused`).rejects.toMatchObject({ code: '42501' });
          tally.refused += 1;
        }
      }
    });
  }

  it('a read runs read-only, as PostgREST runs a GET', async () => {
    expect(
      await codeOf(request(claimsOf('user'), 'GET', '/rpc/end_session', `select public.end_session($1, 'user_ended')`, [a.openSessionId])),
    ).toBe('25006');
  });

  it("the user functions: a user's own calls work (above, building the data), nobody else's do", async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['start_session', { p_session_type: 'reflect_alone', p_persona_id: 'p7e13c73f41f', p_replica_id: null }, 'session_already_active'],
      [
        'attach_conversation',
        { p_session_id: a.openSessionId, p_conversation_id: 'cnotyours', p_conversation_url: 'https://tavus.daily.co/cnotyours' },
        'session_not_found',
      ],
      ['end_session', { p_session_id: a.openSessionId, p_reason: 'user_ended' }, 'session_not_found'],
      ['fail_session', { p_session_id: a.openSessionId, p_error: 'tavus_unavailable' }, 'session_not_found'],
      ['save_persona', { p_persona_id: a.personaId, p_fields: { persona_name: 'Mine now', system_prompt: 'x' } }, 'persona_not_found'],
      ['mark_persona_synced', { p_persona_id: a.personaId, p_tavus_persona_id: 'pstolen' }, 'persona_not_found'],
      ['mark_persona_failed', { p_persona_id: a.personaId, p_error: 'x' }, 'persona_not_found'],
      ['delete_persona', { p_persona_id: a.personaId }, 'persona_not_found'],
      // the room's meeting token: the host's and the partner's only
      ['session_room', { p_session_id: a.openSessionId }, 'not_invited'],
    ];
    for (const [fn, args, otherGets] of cases) {
      expect(await codeOf(rpc('anon', fn, args)), `anon ${fn}`).toBe('42501');
      expect(await codeOf(rpc('service', fn, args)), `service ${fn}`).toBe('42501');
      // the other user has an open session of their own, hence session_already_active for a start
      expect(await codeOf(rpc('other', fn, args)), `other ${fn}`).toBe(otherGets);
    }
    expect(await codeOf(rpc('anon', 'link_persona', { p_tavus_persona_id: 'px', p_fields: { persona_name: 'x' } }))).toBe('42501');
    expect(await codeOf(rpc('service', 'link_persona', { p_tavus_persona_id: 'px', p_fields: { persona_name: 'x' } }))).toBe('42501');
    const [session] = await owner.query(`select status from public.sessions where id = $1`, [a.openSessionId]).then((r) => r.rows);
    expect(session).toEqual({ status: 'starting' });
    const [persona] = await owner.query(`select persona_name from public.personas where id = $1`, [a.personaId]).then((r) => r.rows);
    expect(persona).toEqual({ persona_name: 'Coach' });
  });

  it('the service functions: the service role calls them, no user or visitor can', async () => {
    const event = {
      p_conversation_id: a.conversationId,
      p_event: { event_type: 'application.transcription_ready', conversation_id: a.conversationId, properties: { transcript: [] } },
    };
    for (const caller of ['anon', 'user', 'other'] as Caller[]) {
      expect(await codeOf(rpc(caller, 'record_tavus_event', event)), `${caller} record_tavus_event`).toBe('42501');
      expect(await codeOf(rpc(caller, 'expire_stale_sessions', {})), `${caller} expire_stale_sessions`).toBe('42501');
    }
    expect(await rpc('service', 'record_tavus_event', event)).toMatchObject({ id: a.endedSessionId, transcript: [] });
    expect(await rpc('service', 'expire_stale_sessions', {})).toBe(0);
  });
});
