-- supabase's database roles and today's default privileges, as a project created today has them.
-- runs before supabase/migrations, as the server's superuser (supabase_admin on a real server,
-- pglite's only user in the browser). idempotent: safe to run again over a built database.
--
-- vendored from supabase/postgres (the postgresql license, copyright (c) 2020 supabase),
-- commit 7db7e1a9e34b9ffb9b0e3372ccf08eb4fa772f4b, taken 2026-12-01, with each statement's final
-- state after the image's later migrations (named beside it), lowercased:
--   migrations/db/migrate.sh                              postgres role, database owner
--   migrations/db/init-scripts/00000000000000-initial-schema.sql   api roles, authenticator, grants
--   migrations/db/migrations/10000000000000_demote-postgres.sql    postgres not a superuser
--   migrations/db/migrations/20221028101028_set_authenticator_timeout.sql
--   migrations/db/migrations/20221103090837_revoke_admin.sql       authenticator is not admin
--   migrations/db/migrations/20230201083204_grant_auth_roles_to_postgres.sql
--   migrations/db/migrations/20230529180330_alter_api_roles_for_inherit.sql
--   migrations/db/migrations/20231130133139_set_lock_timeout_to_authenticator_role.sql
-- and the revoke supabase studio runs when a project is created with "default privileges for new
-- entities" off (the default since 2026-05-30, every project since 2026-10-30): supabase/cli
-- (mit) v2.117.0, RevokeDefaultDataApiPrivilegesSql, which `supabase start` also runs when
-- [api] auto_expose_new_tables is unset or false.
-- left out (nothing in supabase/migrations uses them): extensions, realtime, storage, pgsodium,
-- supabase_replication_admin, supabase_read_only_user, dashboard_user.
--
-- one difference, in the browser only: pglite's one user is the server's bootstrap superuser named
-- postgres, which cannot be demoted, so there the migrations' owner is a superuser. the real
-- postgresql server of the tests starts as supabase_admin and proves the rules with a postgres
-- that is not one.

-- roles ------------------------------------------------------------------------------------------

do $$
begin
  if not exists (select from pg_roles where rolname = 'supabase_admin') then
    create role supabase_admin superuser createdb createrole replication bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'postgres') then
    create role postgres login;
  end if;
  -- 10 is the bootstrap superuser's oid (see the header)
  if (select oid from pg_roles where rolname = 'postgres') <> 10 then
    alter role postgres nosuperuser createdb createrole login replication bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  execute format('alter database %I owner to postgres', current_database());
end
$$;

alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;

-- short statement timeouts for the api roles; postgrest applies them when it switches role
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';

-- public schema ----------------------------------------------------------------------------------

grant usage on schema public to postgres, anon, authenticated, service_role;

-- the image's initial default privileges for what postgres creates in public ...
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- ... and what studio takes back at project creation today: a new table, sequence or function is
-- reachable through the data api only once a migration grants it. (truncate, references and
-- trigger stay in the defaults, as on supabase; postgresql's own default still lets public
-- execute a new function.)
alter default privileges for role postgres in schema public
  revoke select, insert, update, delete on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  revoke usage, select on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  revoke execute on functions from anon, authenticated, service_role;
