import { readFileSync } from 'node:fs';
import { API_ROLES, GRANT_MATRIX, GRANT_MATRIX_SQL } from './grant-matrix';
import { baseFiles, setupTestDb } from './harness';

// The rules of the migrations, read from the catalog, so a future table or function that forgets
// one fails here even before anyone writes an attack for it.

const db = setupTestDb();

const USER_FUNCTIONS = [
  'attach_conversation',
  'create_invite',
  'delete_persona',
  'end_joined_session',
  'end_session',
  'fail_session',
  'joined_session',
  'link_persona',
  'mark_persona_failed',
  'mark_persona_synced',
  'my_joined_sessions',
  'my_settings',
  'preview_invite',
  'redeem_invite',
  'save_persona',
  'session_room',
  'set_memory',
  'set_session_language',
  'start_session',
];
const SERVICE_FUNCTIONS = [
  'expire_stale_sessions',
  'record_tavus_event',
  'server_attach_conversation',
  'server_call_ended',
  'server_calls_to_check',
  'server_create_invite',
  'server_end_joined_session',
  'server_end_session',
  'server_fail_session',
  'server_redeem_invite',
  'server_session_settings',
  'server_start_session',
];

describe('catalog rules', () => {
  it('the api roles hold exactly the grants of the matrix on public, and nothing else', async () => {
    const rows = await db.asOwner<{ grant: string }>(GRANT_MATRIX_SQL, [[...API_ROLES]]);
    expect(rows.map((row) => row.grant)).toEqual(GRANT_MATRIX);
  });

  it('every public table has row-level security on', async () => {
    const rows = await db.asOwner<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => !row.relrowsecurity)).toEqual([]);
  });

  it('no api role but the server may insert, update, delete or truncate any public table or view', async () => {
    const rows = await db.asOwner(
      `select c.relname, r.role, p.privilege
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         cross join unnest(array['anon', 'authenticated']) r(role)
         cross join unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p(privilege)
        where n.nspname = 'public' and c.relkind in ('r', 'v')
          and has_table_privilege(r.role, c.oid, p.privilege)`,
    );
    expect(rows).toEqual([]);
  });

  it('visitors may read plans and nothing else', async () => {
    const rows = await db.asOwner<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'v') and has_table_privilege('anon', c.oid, 'SELECT') order by 1`,
    );
    expect(rows.map((row) => row.relname)).toEqual(['plans']);
  });

  it('policies only ever allow select: one named policy per table and operation', async () => {
    const rows = await db.asOwner<{ tablename: string; cmd: string; n: number }>(
      `select tablename, cmd, count(*)::int as n from pg_policies where schemaname = 'public' group by 1, 2 order by 1`,
    );
    expect(rows.map((row) => row.cmd)).toEqual(rows.map(() => 'SELECT'));
    expect(rows.every((row) => row.n === 1)).toBe(true);
  });

  it('every security definer function pins an empty search_path', async () => {
    const rows = await db.asOwner<{ name: string; config: string[] | null }>(
      `select n.nspname || '.' || p.proname as name, p.proconfig as config
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname in ('public', 'private')`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(USER_FUNCTIONS.length + SERVICE_FUNCTIONS.length);
    expect(rows.filter((row) => !row.config?.includes('search_path=""'))).toEqual([]);
  });

  it('users may execute exactly the user functions, each of which checks auth.uid()', async () => {
    const rows = await db.asOwner<{ proname: string; prosrc: string; prosecdef: boolean }>(
      `select p.proname, p.prosrc, p.prosecdef from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and has_function_privilege('authenticated', p.oid, 'EXECUTE') order by 1`,
    );
    expect(rows.map((row) => row.proname)).toEqual(USER_FUNCTIONS);
    for (const row of rows.filter((r) => r.prosecdef)) {
      expect(row.prosrc, row.proname).toMatch(/private\.require_user\(\)|auth\.uid\(\)/);
    }
  });

  it('the server alone may execute the service functions, which refuse user tokens', async () => {
    const rows = await db.asOwner<{ proname: string; prosrc: string }>(
      `select p.proname, p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and has_function_privilege('service_role', p.oid, 'EXECUTE')
          and not has_function_privilege('authenticated', p.oid, 'EXECUTE') order by 1`,
    );
    expect(rows.map((row) => row.proname)).toEqual(SERVICE_FUNCTIONS);
    for (const row of rows) expect(row.prosrc, row.proname).toContain('private.require_service()');
  });

  it('visitors may execute no public function, and no api role any private one', async () => {
    const rows = await db.asOwner(
      `select n.nspname, p.proname, r.role from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        cross join unnest(array['anon', 'authenticated', 'service_role']) r(role)
        where ((n.nspname = 'public' and r.role = 'anon') or n.nspname = 'private')
          and has_function_privilege(r.role, p.oid, 'EXECUTE')`,
    );
    expect(rows).toEqual([]);
    const usage = await db.asOwner(
      `select r from unnest(array['anon', 'authenticated', 'service_role']) r where has_schema_privilege(r, 'private', 'USAGE')`,
    );
    expect(usage).toEqual([]);
  });

  it("Supabase's base can run again over a migrated database without changing it", async () => {
    const uid = await db.createUser();
    for (const file of baseFiles()) await db.pg.exec(readFileSync(file, 'utf8'));
    expect(await db.asOwner('select plan_id from public.user_subscriptions where user_id = $1', [uid])).toEqual([{ plan_id: 'free' }]);
  });
});
