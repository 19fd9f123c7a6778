-- what a signed-in user may do with sessions. each function is security definer with an empty
-- search_path, takes the user from auth.uid() (never from an argument) and raises a stable code.

-- functions --------------------------------------------------------------------------------------

-- reserves a session before any conversation exists, so that no money is spent unless the plan
-- allows it. refuses with usage_limit_reached (under 30 seconds left: not worth a call),
-- session_already_active, daily_limit_reached or session_type_not_allowed.
create or replace function public.start_session(p_session_type text, p_persona_id text, p_replica_id text default null)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
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

  v_sub := private.lock_subscription(v_uid);
  -- a session left open by a lost tab, past its cap and grace, is closed (and charged) first
  -- rather than blocking this start until the scheduled sweep runs
  if private.expire_stale(v_uid) > 0 then
    v_sub := private.lock_subscription(v_uid);
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

  -- the unique index is the guard: no check-then-insert.
  begin
    insert into public.sessions (id, user_id, session_type, persona_id, replica_id, conversation_name, max_call_duration)
    values (
      v_id, v_uid, p_session_type, p_persona_id, p_replica_id,
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

  -- counted after the insert so that an open session reports session_already_active first;
  -- the raise undoes the insert.
  if p_session_type = 'reflect_alone' and v_plan.solo_sessions_per_day is not null then
    select count(*) into v_today from public.sessions
     where user_id = v_uid
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

-- records the tavus conversation of a starting session; charging counts from now.
-- repeating the same attach returns the session unchanged.
create or replace function public.attach_conversation(p_session_id uuid, p_conversation_id text, p_conversation_url text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_session public.sessions;
begin
  if not private.is_tavus_id(p_conversation_id) then
    raise exception 'invalid_argument' using detail = 'p_conversation_id must be a Tavus conversation id.';
  end if;
  if p_conversation_url is null or length(p_conversation_url) > 2048 or p_conversation_url !~ '^https?://[^\s]+$' then
    raise exception 'invalid_argument' using detail = 'p_conversation_url must be an http(s) url.';
  end if;

  v_session := private.own_session(v_uid, p_session_id, true);
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
  return v_session;
end;
$$;

-- ends the user's session and charges it once; ending again returns it unchanged.
create or replace function public.end_session(p_session_id uuid, p_reason text default 'user_ended')
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_session public.sessions;
begin
  if p_reason is null or p_reason !~ '^[a-z][a-z0-9_]{0,63}$' then
    raise exception 'invalid_argument'
      using detail = 'p_reason must be a short code such as user_ended, limit_reached or tab_closed.';
  end if;
  v_session := private.own_session(v_uid, p_session_id, false);
  return private.close_session(v_session.id, p_reason, null);
end;
$$;

-- marks a session whose conversation could not be created: nothing is charged.
create or replace function public.fail_session(p_session_id uuid, p_error text)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_session public.sessions;
begin
  if p_error is null or length(btrim(p_error)) = 0 then
    raise exception 'invalid_argument' using detail = 'p_error must describe what failed.';
  end if;
  v_session := private.own_session(v_uid, p_session_id, true);
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

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.start_session(text, text, text) from public, anon, authenticated;
revoke execute on function public.attach_conversation(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.end_session(uuid, text) from public, anon, authenticated;
revoke execute on function public.fail_session(uuid, text) from public, anon, authenticated;

grant execute on function public.start_session(text, text, text) to authenticated;
grant execute on function public.attach_conversation(uuid, text, text) to authenticated;
grant execute on function public.end_session(uuid, text) to authenticated;
grant execute on function public.fail_session(uuid, text) to authenticated;
