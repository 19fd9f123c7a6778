-- private rooms, a session together's included. every conversation is created with require_auth,
-- so its url alone joins nothing: the meeting_token tavus answers the create with does. the
-- database keeps that token with the session (private.session_rooms, readable by no api role),
-- written where the conversation is attached: by attach_conversation in local and direct modes,
-- by server_attach_conversation in proxy mode, where the token comes from the server's own create
-- and never from a browser. it is read only while the session runs: by the host (a reload), and by
-- the partner, who gets it with their redeemed invite (redeem_invite) and again from session_room.
-- a stranger, a guest of another session, or a partner who has not redeemed gets nothing.
-- codes: invalid_argument, session_not_found, not_invited.

-- tables -----------------------------------------------------------------------------------------

create table private.session_rooms (
  session_id uuid primary key references public.sessions (id) on delete cascade,
  -- daily's meeting tokens are jwts (base64url and dots); the simulator's are hex
  meeting_token text not null check (length(meeting_token) <= 4096 and meeting_token ~ '^[A-Za-z0-9._-]+$'),
  created_at timestamptz not null default now()
);

-- policies ---------------------------------------------------------------------------------------
-- no api role reaches the private schema, and none may read or write this table: no operation is
-- allowed, so there is no policy; row-level security without policies is a second lock.

alter table private.session_rooms enable row level security;

revoke all on table private.session_rooms from public, anon, authenticated, service_role;

-- functions: private ------------------------------------------------------------------------------

-- a meeting token as given, or null for a public room; anything else is invalid_argument.
create or replace function private.checked_room_token(p_meeting_token text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_meeting_token is not null and (length(p_meeting_token) > 4096 or p_meeting_token !~ '^[A-Za-z0-9._-]+$') then
    raise exception 'invalid_argument' using detail = 'p_meeting_token must be the meeting_token Tavus answered with, or null.';
  end if;
  return p_meeting_token;
end;
$$;

-- keeps the token of the session's room; attaching again (the same conversation) keeps the first.
create or replace function private.keep_room(p_session public.sessions, p_meeting_token text)
returns void
language sql
set search_path = ''
as $$
  insert into private.session_rooms (session_id, meeting_token)
  select p_session.id, p_meeting_token
   where p_meeting_token is not null
  on conflict (session_id) do nothing
$$;

-- the token of a running session's room; null once it has ended (the room is closed) or when public.
create or replace function private.room_token(p_session_id uuid)
returns text
language sql stable
set search_path = ''
as $$
  select r.meeting_token
    from private.session_rooms r
    join public.sessions s on s.id = r.session_id
   where r.session_id = p_session_id and s.status = 'active'
$$;

-- the invite redeemed, and with the room's token while the session runs: the partner's way in. an
-- answer that names no session (a refusal) is passed on as it is.
create or replace function private.redeem_with_room(p_uid uuid, p_invite text, p_partner_name text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_joined jsonb := private.redeem_for(p_uid, p_invite, p_partner_name);
begin
  if v_joined ->> 'id' is null then
    return v_joined;
  end if;
  return v_joined || jsonb_build_object('meeting_token', private.room_token((v_joined ->> 'id')::uuid));
end;
$$;

revoke execute on function private.checked_room_token(text) from public, anon, authenticated, service_role;
revoke execute on function private.keep_room(public.sessions, text) from public, anon, authenticated, service_role;
revoke execute on function private.room_token(uuid) from public, anon, authenticated, service_role;
revoke execute on function private.redeem_with_room(uuid, text, text) from public, anon, authenticated, service_role;

-- functions: the browser's (local and direct modes) ----------------------------------------------
-- attach_conversation takes the token too (a new argument with a default: the old signature goes,
-- so no call is ambiguous between the two).

drop function public.attach_conversation(uuid, text, text);

create function public.attach_conversation(
  p_session_id uuid,
  p_conversation_id text,
  p_conversation_url text,
  p_meeting_token text default null
)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_token text := private.checked_room_token(p_meeting_token);
  v_session public.sessions;
begin
  perform private.require_browser_sessions();
  v_session := private.attach_for(v_uid, p_session_id, p_conversation_id, p_conversation_url);
  perform private.keep_room(v_session, v_token);
  return v_session;
end;
$$;

create or replace function public.redeem_invite(p_invite text, p_partner_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.redeem_with_room(v_uid, p_invite, p_partner_name);
end;
$$;

-- the room's token for the host, or the partner who redeemed the session's invite, while it runs
-- (null once it ended); reading only, so in every deployment.
create or replace function public.session_room(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if not exists (select from public.sessions where id = p_session_id and user_id = v_uid) then
    perform private.partner_invite(v_uid, p_session_id);
  end if;
  return jsonb_build_object('session_id', p_session_id, 'meeting_token', private.room_token(p_session_id));
end;
$$;

-- functions: the server's (proxy mode) -----------------------------------------------------------

drop function public.server_attach_conversation(uuid, uuid, text, text);

create function public.server_attach_conversation(
  p_user_id uuid,
  p_session_id uuid,
  p_conversation_id text,
  p_conversation_url text,
  p_meeting_token text default null
)
returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_token text := private.checked_room_token(p_meeting_token);
  v_session public.sessions;
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  v_session := private.attach_for(p_user_id, p_session_id, p_conversation_id, p_conversation_url);
  perform private.keep_room(v_session, v_token);
  return v_session;
end;
$$;

create or replace function public.server_redeem_invite(p_user_id uuid, p_invite text, p_partner_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.redeem_with_room(p_user_id, p_invite, p_partner_name);
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.attach_conversation(uuid, text, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.session_room(uuid) from public, anon, authenticated, service_role;
grant execute on function public.attach_conversation(uuid, text, text, text) to authenticated;
grant execute on function public.session_room(uuid) to authenticated;

revoke execute on function public.server_attach_conversation(uuid, uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.server_attach_conversation(uuid, uuid, text, text, text) to service_role;
