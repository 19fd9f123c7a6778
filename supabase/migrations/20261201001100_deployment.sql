-- who writes sessions. private.deployment says whether browsers write them themselves (local and
-- direct modes: the default) or only the server does (proxy mode). it lives in the private schema,
-- so only the database owner can change it:
--   update private.deployment set session_owner = 'server';
-- the next migration makes the session functions obey it.

-- tables -----------------------------------------------------------------------------------------

create table private.deployment (
  singleton boolean primary key default true check (singleton),
  session_owner text not null default 'browser' check (session_owner in ('browser', 'server')),
  updated_at timestamptz not null default now()
);

insert into private.deployment default values;

create trigger deployment_touch_updated_at
  before update on private.deployment
  for each row execute function private.touch_updated_at();

-- policies ---------------------------------------------------------------------------------------
-- no api role reaches the private schema; row-level security without policies is a second lock.

alter table private.deployment enable row level security;

revoke all on table private.deployment from public, anon, authenticated, service_role;

-- functions: private ------------------------------------------------------------------------------

create or replace function private.sessions_owned_by_server()
returns boolean
language sql stable
set search_path = ''
as $$
  select coalesce((select session_owner = 'server' from private.deployment where singleton), false)
$$;

create or replace function private.require_browser_sessions()
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if private.sessions_owned_by_server() then
    raise exception 'sessions_owned_by_server'
      using detail = 'In this deployment sessions start and end only through the tavus function.',
            hint = 'Use POST /functions/v1/tavus/sessions and /tavus/sessions/<id>/end.';
  end if;
end;
$$;

create or replace function private.require_server_sessions()
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if not private.sessions_owned_by_server() then
    raise exception 'deployment_not_proxy'
      using detail = 'This database lets browsers write their own sessions, so the server cannot vouch for them.',
            hint = 'As the database owner run: update private.deployment set session_owner = ''server'';';
  end if;
end;
$$;

revoke execute on function private.sessions_owned_by_server() from public, anon, authenticated, service_role;
revoke execute on function private.require_browser_sessions() from public, anon, authenticated, service_role;
revoke execute on function private.require_server_sessions() from public, anon, authenticated, service_role;
