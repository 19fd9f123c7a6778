-- who owns a session's lifecycle, and what a call really cost.
--
-- private.deployment says whether browsers write sessions themselves (local and direct modes:
-- the default) or only the server does (proxy mode). only the database owner can change it:
--   update private.deployment set session_owner = 'server';
-- in a server-owned deployment the browser functions (start_session, attach_conversation,
-- end_session, fail_session) refuse every caller with sessions_owned_by_server, and the tavus edge
-- function runs the server_* functions below with the service role, for the user of a verified jwt.
--
-- private.session_calls follows each attached conversation until tavus is known to have stopped
-- it (its shutdown callback, tavus confirming an end, or the sweep looking). a shutdown charges
-- the call's real length even when the session had ended before; in a server-owned deployment a
-- call not known to have stopped keeps its user's one slot taken.

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

create table private.session_calls (
  session_id uuid primary key references public.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  conversation_id text not null,
  -- null while the conversation may still run at tavus
  ended_at timestamptz,
  ended_by text check (ended_by in ('shutdown', 'server_end', 'sweep')),
  check ((ended_at is null) = (ended_by is null))
);

-- the slot rule and the sweep look only at calls not known to have stopped
create index session_calls_running_user_idx on private.session_calls (user_id) where ended_at is null;

-- policies ---------------------------------------------------------------------------------------
-- no api role reaches the private schema; row-level security without policies is a second lock.

alter table private.deployment enable row level security;
alter table private.session_calls enable row level security;

revoke all on table private.deployment, private.session_calls from public, anon, authenticated, service_role;

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

-- the time an event names, when it is plausible: not later than now and not before p_floor
-- (the session's start); otherwise the time it was received. tavus sends iso 8601 in utc
-- ("2025-07-11T06:48:37.564961Z"); a time without a zone is read as utc.
create or replace function private.event_time(p_event jsonb, p_floor timestamptz)
returns timestamptz
language plpgsql stable
set search_path = ''
as $$
declare
  v_text text := p_event ->> 'timestamp';
  v_at timestamptz;
begin
  if v_text is null or v_text !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)?$' then
    return now();
  end if;
  begin
    if v_text ~ '(Z|[+-]\d{2}(:?\d{2})?)$' then
      v_at := v_text::timestamptz;
    else
      v_at := v_text::timestamp at time zone 'utc';
    end if;
  exception when others then
    return now();
  end;
  if v_at > now() or (p_floor is not null and v_at < p_floor) then
    return now();
  end if;
  return v_at;
end;
$$;

-- close_session with the moment the call ended: charges p_at - started_at, capped.
create or replace function private.close_session_at(p_session_id uuid, p_reason text, p_shutdown_reason text, p_at timestamptz)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
  v_seconds integer := 0;
  v_charged_id uuid;
  v_user_id uuid;
begin
  -- lock order everywhere: subscription, then session, then its call
  select user_id into v_user_id from public.sessions where id = p_session_id;
  if not found then
    raise exception 'session_not_found' using detail = format('No session %s.', p_session_id);
  end if;
  perform private.lock_subscription(v_user_id);
  select * into v_session from public.sessions where id = p_session_id for update;
  if v_session.status in ('ended', 'failed') then
    return v_session;
  end if;

  if v_session.status = 'active' then
    v_seconds := least(
      greatest(ceil(extract(epoch from p_at - v_session.started_at)), 0)::integer,
      v_session.max_call_duration
    );
  end if;

  update public.sessions
     set status = 'ended',
         ended_at = greatest(p_at, created_at),
         seconds_used = v_seconds,
         end_reason = p_reason,
         shutdown_reason = coalesce(p_shutdown_reason, shutdown_reason)
   where id = p_session_id
  returning * into v_session;

  if v_session.started_at is not null then
    insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used)
    values (v_session.user_id, v_session.id, v_session.persona_id, v_seconds)
    on conflict (session_id) do nothing
    returning id into v_charged_id;

    if v_charged_id is not null and v_seconds > 0 then
      update public.user_subscriptions
         set tavus_seconds_used = tavus_seconds_used + v_seconds
       where user_id = v_session.user_id;
    end if;
  end if;
  return v_session;
end;
$$;

-- the one charging path of end_session and expire_stale, unchanged in what it does: the call
-- ended when this ran.
create or replace function private.close_session(p_session_id uuid, p_reason text, p_shutdown_reason text)
returns public.sessions
language sql
set search_path = ''
as $$
  select * from private.close_session_at(p_session_id, p_reason, p_shutdown_reason, now())
$$;

-- the conversation of a session has stopped at tavus, at p_at (null: when is not known). an open
-- session is closed and charged up to then; an ended one is charged more if the call outlived it
-- (never less: the charge a user was shown stands). once a shutdown has been applied the call's
-- length is settled and later reports change nothing, so every source may repeat.
create or replace function private.call_ended(p_session_id uuid, p_at timestamptz, p_source text, p_reason text, p_shutdown_reason text)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
  v_call private.session_calls;
  v_user_id uuid;
  v_at timestamptz;
  v_real integer;
  v_extra integer;
begin
  select user_id into v_user_id from public.sessions where id = p_session_id;
  if not found then
    raise exception 'session_not_found' using detail = format('No session %s.', p_session_id);
  end if;
  perform private.lock_subscription(v_user_id);
  select * into v_session from public.sessions where id = p_session_id for update;
  if v_session.tavus_conversation_id is null then
    return v_session;
  end if;

  select * into v_call from private.session_calls where session_id = p_session_id for update;
  if not found then
    -- attached before calls were followed
    insert into private.session_calls (session_id, user_id, conversation_id)
    values (v_session.id, v_session.user_id, v_session.tavus_conversation_id)
    returning * into v_call;
  end if;

  if p_shutdown_reason is not null then
    update public.sessions set shutdown_reason = coalesce(shutdown_reason, left(p_shutdown_reason, 200))
     where id = v_session.id
    returning * into v_session;
  end if;
  if v_call.ended_by = 'shutdown' then
    return v_session;
  end if;

  v_at := least(greatest(coalesce(p_at, v_session.ended_at, now()), coalesce(v_session.started_at, v_session.created_at)), now());
  -- a call already seen stopped ran no later than that: a callback delivered late costs nothing more
  if v_call.ended_at is not null then
    v_at := least(v_at, v_call.ended_at);
  end if;
  if v_session.status in ('starting', 'active') then
    v_session := private.close_session_at(v_session.id, p_reason, p_shutdown_reason, v_at);
  elsif v_session.status = 'ended' and v_session.started_at is not null and p_at is not null then
    v_real := least(
      greatest(ceil(extract(epoch from v_at - v_session.started_at)), 0)::integer,
      v_session.max_call_duration
    );
    v_extra := v_real - v_session.seconds_used;
    if v_extra > 0 then
      update public.sessions set seconds_used = v_real
       where id = v_session.id
      returning * into v_session;
      insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used)
      values (v_session.user_id, v_session.id, v_session.persona_id, v_real)
      on conflict (session_id) do update set seconds_used = excluded.seconds_used;
      update public.user_subscriptions
         set tavus_seconds_used = tavus_seconds_used + v_extra
       where user_id = v_session.user_id;
    end if;
  end if;

  update private.session_calls
     set ended_at = v_at, ended_by = p_source
   where session_id = v_session.id and (ended_by is null or p_source = 'shutdown');
  return v_session;
end;
$$;

-- the lifecycle for a given user: the bodies of the browser functions of 20251121000400, with the
-- user passed in so that the server functions can share them. callers check who p_uid is.
create or replace function private.start_session_for(p_uid uuid, p_session_type text, p_persona_id text, p_replica_id text)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_sub public.user_subscriptions;
  v_plan public.plans;
  v_left integer;
  v_today integer;
  v_id uuid := gen_random_uuid();
  v_session public.sessions;
  v_constraint text;
begin
  if p_session_type is null or p_session_type not in ('reflect_alone', 'resolve_together') then
    raise exception 'invalid_argument'
      using detail = 'p_session_type must be reflect_alone or resolve_together.';
  end if;
  if not private.is_tavus_id(p_persona_id) then
    raise exception 'invalid_argument' using detail = 'p_persona_id must be a Tavus persona id.';
  end if;
  if p_replica_id is not null and not private.is_tavus_id(p_replica_id) then
    raise exception 'invalid_argument' using detail = 'p_replica_id must be a Tavus replica id or null.';
  end if;

  v_sub := private.lock_subscription(p_uid);
  if private.expire_stale(p_uid) > 0 then
    v_sub := private.lock_subscription(p_uid);
  end if;
  if v_sub.status <> 'active' then
    raise exception 'subscription_inactive'
      using detail = format('Your subscription is %s.', v_sub.status), hint = 'Renew your plan to start sessions.';
  end if;
  select * into v_plan from public.plans where id = v_sub.plan_id;

  if p_session_type = 'resolve_together' and not v_plan.group_sessions then
    raise exception 'session_type_not_allowed'
      using detail = format('The %s plan does not include sessions together.', v_plan.name),
            hint = 'Upgrade to a plan with group sessions.';
  end if;

  v_left := v_sub.tavus_minutes_limit * 60 - v_sub.tavus_seconds_used;
  if v_left < 30 then
    raise exception 'usage_limit_reached'
      using detail = format('%s seconds left until %s.', greatest(v_left, 0), v_sub.period_end),
            hint = 'Your minutes renew at the start of the next period.';
  end if;

  -- where the server owns sessions it ends their calls too: a call it has not seen stop still
  -- costs money, so it keeps the slot (the tavus function asks tavus about it before a start)
  if private.sessions_owned_by_server() and exists (
    select from private.session_calls c
      join public.sessions s on s.id = c.session_id
     where c.user_id = p_uid and c.ended_at is null and s.status in ('ended', 'failed')
  ) then
    raise exception 'session_already_active'
      using detail = 'The call of an earlier session has not been confirmed as stopped by Tavus yet.',
            hint = 'Try again in a minute.';
  end if;

  begin
    insert into public.sessions (id, user_id, session_type, persona_id, replica_id, conversation_name, max_call_duration)
    values (
      v_id, p_uid, p_session_type, p_persona_id, p_replica_id,
      'awaknow_' || p_session_type || '_' || v_id,
      least(v_plan.max_session_seconds, v_left)
    )
    returning * into v_session;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint = 'sessions_one_open_per_user' then
      raise exception 'session_already_active'
        using detail = 'Another session is starting or running (in another tab or device).',
              hint = 'End that session first.';
    end if;
    raise;
  end;

  if p_session_type = 'reflect_alone' and v_plan.solo_sessions_per_day is not null then
    select count(*) into v_today from public.sessions
     where user_id = p_uid
       and session_type = 'reflect_alone'
       and status <> 'failed'
       and created_at >= (date_trunc('day', now() at time zone 'utc') at time zone 'utc')
       and id <> v_id;
    if v_today >= v_plan.solo_sessions_per_day then
      raise exception 'daily_limit_reached'
        using detail = format('The %s plan allows %s solo session(s) a day.', v_plan.name, v_plan.solo_sessions_per_day),
              hint = 'Come back tomorrow (UTC) or upgrade your plan.';
    end if;
  end if;

  return v_session;
end;
$$;

create or replace function private.attach_for(p_uid uuid, p_session_id uuid, p_conversation_id text, p_conversation_url text)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  if not private.is_tavus_id(p_conversation_id) then
    raise exception 'invalid_argument' using detail = 'p_conversation_id must be a Tavus conversation id.';
  end if;
  if p_conversation_url is null or length(p_conversation_url) > 2048 or p_conversation_url !~ '^https?://[^\s]+$' then
    raise exception 'invalid_argument' using detail = 'p_conversation_url must be an http(s) url.';
  end if;

  v_session := private.own_session(p_uid, p_session_id, true);
  if v_session.status = 'active' and v_session.tavus_conversation_id = p_conversation_id then
    return v_session;
  end if;
  if v_session.status <> 'starting' then
    raise exception 'session_not_starting'
      using detail = format('Session %s is %s; only a starting session can be attached.', v_session.id, v_session.status);
  end if;

  begin
    update public.sessions
       set status = 'active',
           started_at = now(),
           tavus_conversation_id = p_conversation_id,
           conversation_url = p_conversation_url
     where id = v_session.id
    returning * into v_session;
  exception when unique_violation then
    raise exception 'conversation_already_attached'
      using detail = format('Conversation %s belongs to another session.', p_conversation_id);
  end;
  insert into private.session_calls (session_id, user_id, conversation_id)
  values (v_session.id, v_session.user_id, p_conversation_id)
  on conflict (session_id) do nothing;
  return v_session;
end;
$$;

create or replace function private.end_for(p_uid uuid, p_session_id uuid, p_reason text)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  if p_reason is null or p_reason !~ '^[a-z][a-z0-9_]{0,63}$' then
    raise exception 'invalid_argument'
      using detail = 'p_reason must be a short code such as user_ended, limit_reached or tab_closed.';
  end if;
  v_session := private.own_session(p_uid, p_session_id, false);
  return private.close_session(v_session.id, p_reason, null);
end;
$$;

create or replace function private.fail_for(p_uid uuid, p_session_id uuid, p_error text)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  if p_error is null or length(btrim(p_error)) = 0 then
    raise exception 'invalid_argument' using detail = 'p_error must describe what failed.';
  end if;
  v_session := private.own_session(p_uid, p_session_id, true);
  if v_session.status = 'failed' then
    return v_session;
  end if;
  if v_session.status <> 'starting' then
    raise exception 'session_not_starting'
      using detail = format('Session %s is %s; only a starting session can fail.', v_session.id, v_session.status),
            hint = 'Use end_session for a session that has started.';
  end if;

  update public.sessions
     set status = 'failed', ended_at = now(), error = left(p_error, 2000)
   where id = v_session.id
  returning * into v_session;
  return v_session;
end;
$$;

-- what every server function checks after private.require_service(): the deployment is server-owned
-- and names a user (the server passes the user of a jwt it verified)
create or replace function private.require_server_caller(p_user_id uuid)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.require_server_sessions();
  if p_user_id is null then
    raise exception 'invalid_argument' using detail = 'p_user_id is required.';
  end if;
end;
$$;

revoke execute on function private.sessions_owned_by_server() from public, anon, authenticated, service_role;
revoke execute on function private.require_browser_sessions() from public, anon, authenticated, service_role;
revoke execute on function private.require_server_sessions() from public, anon, authenticated, service_role;
revoke execute on function private.event_time(jsonb, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function private.close_session_at(uuid, text, text, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function private.close_session(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.call_ended(uuid, timestamptz, text, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.start_session_for(uuid, text, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.attach_for(uuid, uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.end_for(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function private.fail_for(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function private.require_server_caller(uuid) from public, anon, authenticated, service_role;

-- functions: the browser's (local and direct modes) ----------------------------------------------
-- same signatures and grants as before; where the server owns sessions they refuse everyone.

create or replace function public.start_session(p_session_type text, p_persona_id text, p_replica_id text default null)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.start_session_for(v_uid, p_session_type, p_persona_id, p_replica_id);
end;
$$;

create or replace function public.attach_conversation(p_session_id uuid, p_conversation_id text, p_conversation_url text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.attach_for(v_uid, p_session_id, p_conversation_id, p_conversation_url);
end;
$$;

create or replace function public.end_session(p_session_id uuid, p_reason text default 'user_ended')
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.end_for(v_uid, p_session_id, p_reason);
end;
$$;

create or replace function public.fail_session(p_session_id uuid, p_error text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.fail_for(v_uid, p_session_id, p_error);
end;
$$;

-- functions: the server's (proxy mode) -----------------------------------------------------------
-- service role only, and only where the server owns sessions. p_user_id is the user of the jwt
-- the tavus function verified; a session of another user is not found.

create or replace function public.server_start_session(p_user_id uuid, p_session_type text, p_persona_id text, p_replica_id text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.start_session_for(p_user_id, p_session_type, p_persona_id, p_replica_id);
end;
$$;

create or replace function public.server_attach_conversation(p_user_id uuid, p_session_id uuid, p_conversation_id text, p_conversation_url text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.attach_for(p_user_id, p_session_id, p_conversation_id, p_conversation_url);
end;
$$;

create or replace function public.server_end_session(p_user_id uuid, p_session_id uuid, p_reason text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.end_for(p_user_id, p_session_id, p_reason);
end;
$$;

create or replace function public.server_fail_session(p_user_id uuid, p_session_id uuid, p_error text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.fail_for(p_user_id, p_session_id, p_error);
end;
$$;

-- tavus has stopped the session's conversation: p_source is server_end (tavus confirmed the
-- server's end) or sweep (the server looked it up; p_ended_at is when, or null when unknown).
create or replace function public.server_call_ended(p_session_id uuid, p_ended_at timestamptz, p_source text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_sessions();
  if p_session_id is null or p_source is null or p_source not in ('server_end', 'sweep') then
    raise exception 'invalid_argument' using detail = 'p_session_id is required and p_source must be server_end or sweep.';
  end if;
  return private.call_ended(p_session_id, p_ended_at, p_source, 'tavus_shutdown', null);
end;
$$;

-- calls of closed sessions (of one user, or of everyone when p_user_id is null) not known to have
-- stopped, oldest first, as a json array: what the server asks tavus about.
create or replace function public.server_calls_to_check(p_user_id uuid, p_limit integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_sessions();
  if p_limit is null or p_limit not between 1 and 500 then
    raise exception 'invalid_argument' using detail = 'p_limit must be between 1 and 500.';
  end if;
  return coalesce((
    select jsonb_agg(to_jsonb(x) order by x.ended_at)
      from (
        select s.id as session_id, s.user_id, c.conversation_id, s.conversation_name, s.status, s.started_at, s.ended_at
          from private.session_calls c
          join public.sessions s on s.id = c.session_id
         where c.ended_at is null
           and s.status in ('ended', 'failed')
           and (p_user_id is null or c.user_id = p_user_id)
         order by s.ended_at
         limit p_limit
      ) x
  ), '[]'::jsonb);
end;
$$;

-- record_tavus_event keeps its signature and idempotence; a shutdown now settles the call's real
-- length (from the event's own timestamp when plausible) whether or not the session had ended.
create or replace function public.record_tavus_event(p_conversation_id text, p_event jsonb)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions;
  v_type text;
  v_props jsonb;
  v_reason text;
begin
  perform private.require_service();
  if not private.is_tavus_id(p_conversation_id) then
    raise exception 'invalid_argument' using detail = 'p_conversation_id must be a Tavus conversation id.';
  end if;
  if p_event is null or jsonb_typeof(p_event) <> 'object' or jsonb_typeof(p_event -> 'event_type') is distinct from 'string' then
    raise exception 'invalid_argument' using detail = 'p_event must be an object with a string event_type.';
  end if;
  if p_event ? 'conversation_id' and p_event ->> 'conversation_id' is distinct from p_conversation_id then
    raise exception 'invalid_argument' using detail = 'p_event.conversation_id does not match p_conversation_id.';
  end if;
  v_type := p_event ->> 'event_type';
  v_props := coalesce(p_event -> 'properties', '{}'::jsonb);
  if jsonb_typeof(v_props) <> 'object' then
    raise exception 'invalid_argument' using detail = 'p_event.properties must be an object.';
  end if;

  select * into v_session from public.sessions where tavus_conversation_id = p_conversation_id;
  if not found then
    raise exception 'session_not_found'
      using detail = format('No session has conversation %s.', p_conversation_id);
  end if;

  if v_type = 'system.shutdown' then
    v_reason := left(v_props ->> 'shutdown_reason', 200);
    return private.call_ended(
      v_session.id,
      private.event_time(p_event, coalesce(v_session.started_at, v_session.created_at)),
      'shutdown',
      coalesce(v_reason, 'tavus_shutdown'),
      v_reason
    );
  elsif v_type = 'system.replica_joined' then
    update public.sessions
       set joined_at = coalesce(joined_at, private.event_time(p_event, coalesce(started_at, created_at)))
     where id = v_session.id
    returning * into v_session;
  elsif v_type = 'application.transcription_ready' then
    if jsonb_typeof(v_props -> 'transcript') is distinct from 'array' then
      raise exception 'invalid_argument' using detail = 'properties.transcript must be an array.';
    end if;
    update public.sessions set transcript = v_props -> 'transcript'
     where id = v_session.id
    returning * into v_session;
  elsif v_type = 'application.recording_ready' then
    update public.sessions set recording = v_props
     where id = v_session.id
    returning * into v_session;
  elsif v_type = 'application.perception_analysis' then
    if not v_props ? 'analysis' then
      raise exception 'invalid_argument' using detail = 'properties.analysis is missing.';
    end if;
    update public.sessions set perception_analysis = v_props -> 'analysis'
     where id = v_session.id
    returning * into v_session;
  end if;
  return v_session;
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.start_session(text, text, text) from public, anon, authenticated;
revoke execute on function public.attach_conversation(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.end_session(uuid, text) from public, anon, authenticated;
revoke execute on function public.fail_session(uuid, text) from public, anon, authenticated;
grant execute on function public.start_session(text, text, text) to authenticated;
grant execute on function public.attach_conversation(uuid, text, text) to authenticated;
grant execute on function public.end_session(uuid, text) to authenticated;
grant execute on function public.fail_session(uuid, text) to authenticated;

revoke execute on function public.server_start_session(uuid, text, text, text) from public, anon, authenticated;
revoke execute on function public.server_attach_conversation(uuid, uuid, text, text) from public, anon, authenticated;
revoke execute on function public.server_end_session(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.server_fail_session(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.server_call_ended(uuid, timestamptz, text) from public, anon, authenticated;
revoke execute on function public.server_calls_to_check(uuid, integer) from public, anon, authenticated;
revoke execute on function public.record_tavus_event(text, jsonb) from public, anon, authenticated;
grant execute on function public.server_start_session(uuid, text, text, text) to service_role;
grant execute on function public.server_attach_conversation(uuid, uuid, text, text) to service_role;
grant execute on function public.server_end_session(uuid, uuid, text) to service_role;
grant execute on function public.server_fail_session(uuid, uuid, text) to service_role;
grant execute on function public.server_call_ended(uuid, timestamptz, text) to service_role;
grant execute on function public.server_calls_to_check(uuid, integer) to service_role;
grant execute on function public.record_tavus_event(text, jsonb) to service_role;
