-- what a call really cost. tavus bills a conversation until it stops, whatever the database says,
-- so private.session_calls follows each attached conversation until tavus is known to have stopped
-- it: its shutdown callback, tavus confirming the server's end, or the sweep looking. a shutdown
-- settles the charge at the call's real length (from the event's own timestamp when plausible),
-- also for a session that had ended before; a report after the shutdown changes nothing.

-- tables -----------------------------------------------------------------------------------------

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

alter table private.session_calls enable row level security;

revoke all on table private.session_calls from public, anon, authenticated, service_role;

-- functions: private ------------------------------------------------------------------------------

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

revoke execute on function private.event_time(jsonb, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function private.close_session_at(uuid, text, text, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function private.close_session(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.call_ended(uuid, timestamptz, text, text, text) from public, anon, authenticated, service_role;

-- functions --------------------------------------------------------------------------------------

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

revoke execute on function public.record_tavus_event(text, jsonb) from public, anon, authenticated;
grant execute on function public.record_tavus_event(text, jsonb) to service_role;
