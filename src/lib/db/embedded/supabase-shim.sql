-- a stand-in for the parts of supabase that the migrations rely on, so that the very same
-- supabase/migrations run in the embedded database (pglite) and on a plain postgresql 15 server.
-- idempotent: safe to run on every start-up, before the migrations.
--
-- order: this file first, then every file of supabase/migrations sorted by name.
--
-- to act as a user (inside a transaction, as supabase's api gateway does):
--   begin;
--   set local role authenticated;
--   select set_config('request.jwt.claims', '{"sub":"<user uuid>","role":"authenticated"}', true);
--   select * from public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a');
--   commit;
-- as a visitor: `set local role anon` with claims '{"role":"anon"}'.
-- as the server: `set local role service_role` with claims '{"role":"service_role"}'.
-- users are rows of auth.users, inserted by the database owner; the migrations' trigger gives each one a
-- subscription on the free plan.

-- roles ----------------------------------------------------------------------------------------

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- `set role` needs membership unless the session user is a superuser (pglite's postgres is one,
-- a plain server's owner may not be).
do $$
begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant anon, authenticated, service_role to %I', current_user);
  end if;
end
$$;

-- auth schema ----------------------------------------------------------------------------------

create schema if not exists auth;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text,
  is_anonymous boolean not null default false,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  created_at timestamptz default now()
);

-- the same definitions supabase ships: the claims come from the request's jwt, set per transaction.
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;
grant select on table auth.users to service_role;

-- public schema: supabase's default privileges ---------------------------------------------------
-- supabase grants everything on new objects in public to the api roles; the migrations must
-- revoke what users may not do. reproducing that here keeps the embedded database honest.

grant usage on schema public to anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
