-- the only way users write: reserve a session, attach its conversation, end or fail it.
-- each function raises with a stable code as the message (the app maps codes to words) and a
-- readable detail. execute is revoked from everyone, then granted one function at a time.

-- functions: private ------------------------------------------------------------------------------

create or replace function private.require_user()
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception 'not_authenticated'
      using detail = 'This action needs a signed-in user.', hint = 'Sign in, then try again.';
  end if;
  return v_uid;
end;
$$;

-- the user's subscription, locked, with an ended billing period rolled forward to the current
-- month (usage starts again from zero).
create or replace function private.lock_subscription(p_user_id uuid)
returns public.user_subscriptions
language plpgsql
set search_path = ''
as $$
declare
  v_sub public.user_subscriptions;
begin
  select * into v_sub from public.user_subscriptions where user_id = p_user_id for update;
  if not found then
    raise exception 'subscription_not_found'
      using detail = 'This user has no subscription row.', hint = 'The sign-up trigger creates one; contact support.';
  end if;
  if now() >= v_sub.period_end then
    update public.user_subscriptions
       set period_start = private.period_start_for(now()),
           period_end = private.period_start_for(now()) + interval '1 month',
           tavus_seconds_used = 0
     where user_id = p_user_id
    returning * into v_sub;
  end if;
  return v_sub;
end;
$$;

-- the one charging path, shared by end_session, system.shutdown and expire_stale_sessions.
-- charges the server-measured time since attach, capped at max_call_duration, exactly once: the
-- session row is locked and tavus_usage.session_id is unique. a session never attached costs 0.
create or replace function private.close_session(p_session_id uuid, p_reason text, p_shutdown_reason text)
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
  -- lock order everywhere: subscription, then session (start_session holds the subscription
  -- while its insert waits on the open-session index).
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
      greatest(ceil(extract(epoch from now() - v_session.started_at)), 0)::integer,
      v_session.max_call_duration
    );
  end if;

  update public.sessions
     set status = 'ended',
         ended_at = now(),
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

-- closes stale sessions of one user (or of everyone when p_user_id is null): active ones past
-- max_call_duration plus 2 minutes of grace end and are charged at most their cap; starting ones
-- never attached within 10 minutes fail, charged nothing. returns how many it closed.
create or replace function private.expire_stale(p_user_id uuid)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
  v_count integer := 0;
begin
  for v_session in
    select * from public.sessions
     where status in ('starting', 'active')
       and (p_user_id is null or user_id = p_user_id)
       and (
         (status = 'active' and started_at + make_interval(secs => max_call_duration) + interval '2 minutes' < now())
         or (status = 'starting' and created_at + interval '10 minutes' < now())
       )
     order by created_at
  loop
    if v_session.status = 'active' then
      v_session := private.close_session(v_session.id, 'expired', null);
      -- now() is fixed per transaction: an equal ended_at means this sweep closed it
      if v_session.end_reason = 'expired' and v_session.ended_at = now() then
        v_count := v_count + 1;
      end if;
    else
      update public.sessions
         set status = 'failed', ended_at = now(), error = 'expired_before_start'
       where id = v_session.id and status = 'starting';
      if found then
        v_count := v_count + 1;
      end if;
    end if;
  end loop;
  return v_count;
end;
$$;

-- a user's own session (locked when asked); someone else's is indistinguishable from a missing one.
create or replace function private.own_session(p_user_id uuid, p_session_id uuid, p_lock boolean)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  if p_session_id is null then
    raise exception 'invalid_argument' using detail = 'p_session_id is required.';
  end if;
  if p_lock then
    select * into v_session from public.sessions
     where id = p_session_id and user_id = p_user_id
       for update;
  else
    select * into v_session from public.sessions
     where id = p_session_id and user_id = p_user_id;
  end if;
  if not found then
    raise exception 'session_not_found'
      using detail = format('You have no session %s.', p_session_id);
  end if;
  return v_session;
end;
$$;

create or replace function private.is_tavus_id(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(p_value ~ '^[A-Za-z0-9_-]{1,128}$', false)
$$;

-- none of these is callable through the api; the public functions run them as their owner.
revoke execute on function private.require_user() from public, anon, authenticated, service_role;
revoke execute on function private.lock_subscription(uuid) from public, anon, authenticated, service_role;
revoke execute on function private.close_session(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.own_session(uuid, uuid, boolean) from public, anon, authenticated, service_role;
revoke execute on function private.is_tavus_id(text) from public, anon, authenticated, service_role;
revoke execute on function private.expire_stale(uuid) from public, anon, authenticated, service_role;
