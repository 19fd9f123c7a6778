-- what only the server does: record tavus callbacks and sweep sessions nobody ended.
-- both refuse any caller that carries a user or anon jwt, on top of execute being granted to
-- service_role alone (a scheduler connected as the owner, with no jwt, may also run them).

-- functions: private ------------------------------------------------------------------------------

create or replace function private.require_service()
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if auth.uid() is not null or coalesce(auth.role(), 'service_role') <> 'service_role' then
    raise exception 'forbidden' using detail = 'Only the server may call this function.';
  end if;
end;
$$;

revoke execute on function private.require_service() from public, anon, authenticated, service_role;

-- functions --------------------------------------------------------------------------------------

-- applies one tavus callback to the session of its conversation. every event is idempotent: a
-- repeated shutdown charges nothing more, repeated payloads overwrite with the same value.
-- event types this product does not use are accepted and change nothing.
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
    if v_session.status in ('starting', 'active') then
      return private.close_session(
        v_session.id,
        coalesce(left(v_props ->> 'shutdown_reason', 200), 'tavus_shutdown'),
        left(v_props ->> 'shutdown_reason', 200)
      );
    end if;
    update public.sessions
       set shutdown_reason = coalesce(shutdown_reason, left(v_props ->> 'shutdown_reason', 200))
     where id = v_session.id
    returning * into v_session;
  elsif v_type = 'system.replica_joined' then
    update public.sessions set joined_at = coalesce(joined_at, now())
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

-- ends active sessions left open past max_call_duration plus 2 minutes of grace (charged at
-- most their cap) and fails starting sessions never attached within 10 minutes (charged
-- nothing). returns how many sessions it closed. meant for a scheduled job; start_session also
-- sweeps the caller's own stale session, so a lost tab never blocks its user for long.
create or replace function public.expire_stale_sessions()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  return private.expire_stale(null);
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.record_tavus_event(text, jsonb) from public, anon, authenticated;
revoke execute on function public.expire_stale_sessions() from public, anon, authenticated;

grant execute on function public.record_tavus_event(text, jsonb) to service_role;
grant execute on function public.expire_stale_sessions() to service_role;
