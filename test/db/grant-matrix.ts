// The full grant matrix of the api roles: every privilege anon, authenticated and service_role hold
// on a table, view or function of public, read from the catalog. Stated once here, checked on
// PGlite (catalog.test.ts) and on the real PostgreSQL server built like a Supabase project
// (data-api.test.ts), so any grant added or lost fails both.

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;

/** `role object privilege`, sorted: everything the api roles may do in public, nothing more. */
export const GRANT_MATRIX: string[] = [
  'anon table plans SELECT',
  'authenticated function attach_conversation EXECUTE',
  'authenticated function create_invite EXECUTE',
  'authenticated function delete_persona EXECUTE',
  'authenticated function end_joined_session EXECUTE',
  'authenticated function end_session EXECUTE',
  'authenticated function fail_session EXECUTE',
  'authenticated function joined_session EXECUTE',
  'authenticated function link_persona EXECUTE',
  'authenticated function mark_persona_failed EXECUTE',
  'authenticated function mark_persona_synced EXECUTE',
  'authenticated function my_joined_sessions EXECUTE',
  'authenticated function my_settings EXECUTE',
  'authenticated function preview_invite EXECUTE',
  'authenticated function redeem_invite EXECUTE',
  'authenticated function save_persona EXECUTE',
  'authenticated function session_room EXECUTE',
  'authenticated function set_memory EXECUTE',
  'authenticated function set_session_language EXECUTE',
  'authenticated function start_session EXECUTE',
  'authenticated table personas SELECT',
  'authenticated table plans SELECT',
  'authenticated table session_invites SELECT',
  'authenticated table sessions SELECT',
  'authenticated table tavus_usage SELECT',
  'authenticated table user_settings SELECT',
  'authenticated table user_subscriptions SELECT',
  'authenticated view my_session_history SELECT',
  'authenticated view my_usage SELECT',
  'authenticated view my_usage_breakdown SELECT',
  'authenticated view my_usage_days SELECT',
  'service_role function expire_stale_sessions EXECUTE',
  'service_role function record_tavus_event EXECUTE',
  'service_role function server_attach_conversation EXECUTE',
  'service_role function server_call_ended EXECUTE',
  'service_role function server_calls_to_check EXECUTE',
  'service_role function server_create_invite EXECUTE',
  'service_role function server_end_joined_session EXECUTE',
  'service_role function server_end_session EXECUTE',
  'service_role function server_fail_session EXECUTE',
  'service_role function server_redeem_invite EXECUTE',
  'service_role function server_session_settings EXECUTE',
  'service_role function server_start_session EXECUTE',
  'service_role table sessions SELECT',
];

/**
 * Every privilege PostgreSQL knows for tables (MAINTAIN exists from PostgreSQL 17, which PGlite
 * runs), sequences and functions, checked with has_*_privilege: grants to PUBLIC count too.
 */
export const GRANT_MATRIX_SQL = `
  with roles(role) as (select unnest($1::text[])),
  relations as (
    select c.oid, c.relname as name, case c.relkind when 'v' then 'view' when 'm' then 'view' when 'S' then 'sequence' else 'table' end as kind
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
  ),
  privileges(privilege) as (
    select unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']
      || case when current_setting('server_version_num')::int >= 170000 then array['MAINTAIN'] else array[]::text[] end)
  )
  select r.role || ' ' || x.kind || ' ' || x.name || ' ' || p.privilege as grant
    from roles r cross join relations x cross join privileges p
   where x.kind <> 'sequence' and has_table_privilege(r.role, x.oid, p.privilege)
  union all
  select r.role || ' sequence ' || x.name || ' ' || p.privilege
    from roles r cross join relations x cross join unnest(array['USAGE', 'SELECT', 'UPDATE']) p(privilege)
   where x.kind = 'sequence' and has_sequence_privilege(r.role, x.oid, p.privilege)
  union all
  select r.role || ' function ' || f.proname || ' EXECUTE'
    from roles r cross join pg_proc f join pg_namespace n on n.oid = f.pronamespace
   where n.nspname in ('public', 'private') and has_function_privilege(r.role, f.oid, 'EXECUTE')
  order by 1`;
