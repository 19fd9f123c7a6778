-- the session lifecycle, owned by whoever private.deployment names. in a server-owned deployment
-- the browser functions (start_session, attach_conversation, end_session, fail_session) refuse
-- every caller with sessions_owned_by_server, and the tavus edge function runs the server_*
-- functions with the service role, for the user of a jwt it verified. there, a call not known to
-- have stopped keeps its user's one slot taken.

-- functions: private ------------------------------------------------------------------------------

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
grant execute on function public.server_start_session(uuid, text, text, text) to service_role;
grant execute on function public.server_attach_conversation(uuid, uuid, text, text) to service_role;
grant execute on function public.server_end_session(uuid, uuid, text) to service_role;
grant execute on function public.server_fail_session(uuid, uuid, text) to service_role;
grant execute on function public.server_call_ended(uuid, timestamptz, text) to service_role;
grant execute on function public.server_calls_to_check(uuid, integer) to service_role;
