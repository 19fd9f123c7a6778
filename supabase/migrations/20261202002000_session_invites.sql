-- "resolve together": the host of an active resolve_together session invites one partner. an
-- invite (in the manner of basejump's invitations) is a link token and a short code, single use,
-- bound to its session, open for 15 minutes and never past the session's end. redeeming it makes
-- the redeemer the session's partner: they read the session through joined_session (never the row
-- itself, which holds the host's charge, transcript and recording), may end it for both, and are
-- charged nothing: the session stays the host's, charged once to the host. any signed-in user may
-- redeem one, an anonymous (guest) user and a user whose plan has no group sessions included.
-- codes: invite_not_found, invite_expired, invite_used, invite_own_session, not_invited,
-- session_not_active, partner_already_joined, invalid_name.

-- tables -----------------------------------------------------------------------------------------

create table public.session_invites (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  host_id uuid not null references auth.users (id) on delete cascade,
  -- the names the two people gave: what the replica calls them and what each sees of the other
  host_name text not null check (length(host_name) between 1 and 60),
  -- the link's secret: two random uuids' hex, 244 random bits
  token text not null unique check (token ~ '^[0-9a-f]{64}$'),
  -- what a person types: six letters and digits without the ambiguous ones (0 o 1 i l u)
  code text not null unique check (code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ23456789]{6}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  partner_id uuid references auth.users (id) on delete set null,
  partner_name text check (length(partner_name) between 1 and 60),
  redeemed_at timestamptz,
  check (expires_at > created_at),
  check ((redeemed_at is null) = (partner_name is null)),
  check (partner_id is null or redeemed_at is not null)
);

create index session_invites_session_id_idx on public.session_invites (session_id);
create index session_invites_host_id_idx on public.session_invites (host_id);
create index session_invites_partner_id_idx on public.session_invites (partner_id) where partner_id is not null;
-- one partner per session, whatever races: the second redemption of any invite of it fails here
create unique index session_invites_one_partner on public.session_invites (session_id) where redeemed_at is not null;

-- policies ---------------------------------------------------------------------------------------
-- the host reads their invites (the code to share, and whether the partner has joined). partners
-- and strangers read nothing here: they go through preview_invite and joined_session.

alter table public.session_invites enable row level security;

revoke all on table public.session_invites from public, anon, authenticated, service_role;
grant select on table public.session_invites to authenticated;

create policy "hosts read their invites"
  on public.session_invites for select
  to authenticated
  using ((select auth.uid()) = host_id);

-- functions: private ------------------------------------------------------------------------------

-- a name as given, trimmed: 1 to 60 characters, no control characters.
create or replace function private.person_name(p_name text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_name text := btrim(coalesce(p_name, ''));
begin
  if length(v_name) not between 1 and 60 or v_name ~ '[[:cntrl:]]' then
    raise exception 'invalid_name'
      using detail = 'A name is 1 to 60 characters, without control characters.', hint = 'Nothing was changed.';
  end if;
  return v_name;
end;
$$;

-- six characters from 30 (bytes of a random uuid, whose first six are all random; the modulo
-- leans a little towards the first 16 characters, which costs under half a bit of the 29)
create or replace function private.new_invite_code()
returns text
language sql volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKMNPQRSTVWXYZ23456789', 1 + get_byte(r.b, i) % 30, 1), '' order by i)
    from (select uuid_send(gen_random_uuid()) as b) r, generate_series(0, 5) as i
$$;

-- an invite by its link token or its code (spaces and dashes ignored, any case); locked when asked.
create or replace function private.find_invite(p_invite text, p_lock boolean)
returns public.session_invites
language plpgsql
set search_path = ''
as $$
declare
  v_key text := coalesce(p_invite, '');
  v_invite public.session_invites;
begin
  if v_key !~ '^[0-9a-f]{64}$' then
    v_key := upper(regexp_replace(v_key, '[\s-]', '', 'g'));
  end if;
  if p_lock then
    select * into v_invite from public.session_invites where token = v_key or code = v_key for update;
  else
    select * into v_invite from public.session_invites where token = v_key or code = v_key;
  end if;
  if not found then
    raise exception 'invite_not_found'
      using detail = 'No invite has this link or code.', hint = 'Check the code with the person who invited you.';
  end if;
  return v_invite;
end;
$$;

-- whether p_uid may join with this invite: the host may not, a partner of the session may again
-- (a reload), anyone else only while the invite is unused, unexpired and its session active.
create or replace function private.check_invite(p_uid uuid, p_invite public.session_invites)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  if p_invite.host_id = p_uid then
    raise exception 'invite_own_session'
      using detail = 'This is your own invite.', hint = 'Send the link or the code to the person you want to talk with.';
  end if;
  select * into v_session from public.sessions where id = p_invite.session_id;
  if p_invite.redeemed_at is not null and p_invite.partner_id is distinct from p_uid then
    raise exception 'invite_used' using detail = 'Someone has already joined with this invite.';
  end if;
  if v_session.status <> 'active' then
    raise exception 'invite_expired' using detail = format('The session is %s.', v_session.status);
  end if;
  if p_invite.redeemed_at is null and p_invite.expires_at <= now() then
    raise exception 'invite_expired' using detail = format('The invite expired at %s.', p_invite.expires_at);
  end if;
  return v_session;
end;
$$;

-- what the partner sees of the session: its type, state, times and the call while it runs; never
-- the host's id, charge, transcript, recording or errors.
create or replace function private.partner_view(p_session public.sessions, p_invite public.session_invites)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_session.id,
    'session_type', p_session.session_type,
    'status', p_session.status,
    'host_name', p_invite.host_name,
    'partner_name', p_invite.partner_name,
    'tavus_conversation_id', case when p_session.status = 'active' then p_session.tavus_conversation_id end,
    'conversation_url', case when p_session.status = 'active' then p_session.conversation_url end,
    'created_at', p_session.created_at,
    'started_at', p_session.started_at,
    'ended_at', p_session.ended_at,
    'max_call_duration', p_session.max_call_duration,
    'end_reason', p_session.end_reason
  )
$$;

-- a new invite to the host's active resolve_together session; an earlier one not redeemed stops
-- working. a null name is the one the host gave last time.
create or replace function private.create_invite_for(p_uid uuid, p_session_id uuid, p_host_name text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
  v_name text := p_host_name;
  v_invite public.session_invites;
  v_attempt integer := 0;
begin
  v_session := private.own_session(p_uid, p_session_id, true);
  if v_session.session_type <> 'resolve_together' then
    raise exception 'session_type_not_allowed'
      using detail = 'Only a session together has a partner to invite.';
  end if;
  if v_session.status <> 'active' then
    raise exception 'session_not_active'
      using detail = format('Session %s is %s; only a running session takes a partner.', v_session.id, v_session.status);
  end if;
  if exists (select from public.session_invites where session_id = v_session.id and redeemed_at is not null) then
    raise exception 'partner_already_joined' using detail = 'Your partner has joined this session already.';
  end if;
  if v_name is null then
    select host_name into v_name from public.session_invites where session_id = v_session.id order by created_at desc limit 1;
  end if;
  v_name := private.person_name(v_name);

  delete from public.session_invites where session_id = v_session.id and redeemed_at is null;
  loop
    begin
      insert into public.session_invites (session_id, host_id, host_name, token, code, expires_at)
      values (
        v_session.id, p_uid, v_name,
        replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        private.new_invite_code(),
        now() + interval '15 minutes'
      )
      returning * into v_invite;
      exit;
    exception when unique_violation then
      -- a code already given out (one in 729 million): draw again
      v_attempt := v_attempt + 1;
      if v_attempt >= 5 then
        raise;
      end if;
    end;
  end loop;
  return jsonb_build_object(
    'session_id', v_invite.session_id, 'token', v_invite.token, 'code', v_invite.code,
    'host_name', v_invite.host_name, 'expires_at', v_invite.expires_at
  );
end;
$$;

create or replace function private.redeem_for(p_uid uuid, p_invite text, p_partner_name text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_invite public.session_invites := private.find_invite(p_invite, true);
  v_session public.sessions;
  v_name text;
begin
  v_session := private.check_invite(p_uid, v_invite);
  if v_invite.redeemed_at is not null then
    -- the partner again (a reload): the session as before, the name they gave then
    return private.partner_view(v_session, v_invite);
  end if;
  v_name := private.person_name(p_partner_name);
  begin
    update public.session_invites
       set partner_id = p_uid, partner_name = v_name, redeemed_at = now()
     where id = v_invite.id
    returning * into v_invite;
  exception when unique_violation then
    raise exception 'invite_used' using detail = 'Someone has already joined this session.';
  end;
  return private.partner_view(v_session, v_invite);
end;
$$;

-- the invite that made p_uid the partner of the session; anyone else is not_invited (a session
-- that does not exist looks the same).
create or replace function private.partner_invite(p_uid uuid, p_session_id uuid)
returns public.session_invites
language plpgsql
set search_path = ''
as $$
declare
  v_invite public.session_invites;
begin
  select * into v_invite from public.session_invites
   where session_id = p_session_id and partner_id = p_uid and redeemed_at is not null;
  if not found then
    raise exception 'not_invited' using detail = 'You have not joined this session.';
  end if;
  return v_invite;
end;
$$;

-- the partner ends the session for both: the host's session closes and is charged to the host, once.
create or replace function private.end_joined_for(p_uid uuid, p_session_id uuid, p_reason text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_invite public.session_invites := private.partner_invite(p_uid, p_session_id);
begin
  if p_reason is null or p_reason !~ '^[a-z][a-z0-9_]{0,63}$' then
    raise exception 'invalid_argument' using detail = 'p_reason must be a short code such as user_ended.';
  end if;
  return private.partner_view(private.close_session(p_session_id, 'partner_' || left(p_reason, 56), null), v_invite);
end;
$$;

revoke execute on function private.person_name(text) from public, anon, authenticated, service_role;
revoke execute on function private.new_invite_code() from public, anon, authenticated, service_role;
revoke execute on function private.find_invite(text, boolean) from public, anon, authenticated, service_role;
revoke execute on function private.check_invite(uuid, public.session_invites) from public, anon, authenticated, service_role;
revoke execute on function private.partner_view(public.sessions, public.session_invites) from public, anon, authenticated, service_role;
revoke execute on function private.create_invite_for(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function private.redeem_for(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function private.partner_invite(uuid, uuid) from public, anon, authenticated, service_role;
revoke execute on function private.end_joined_for(uuid, uuid, text) from public, anon, authenticated, service_role;

-- functions: the browser's -----------------------------------------------------------------------
-- preview_invite and joined_session only read, in every deployment; creating, redeeming and
-- ending write sessions, so where the server owns sessions they go through the tavus function.

create or replace function public.create_invite(p_session_id uuid, p_host_name text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.create_invite_for(v_uid, p_session_id, p_host_name);
end;
$$;

-- what a person sees before joining: who invited them, to what, and until when.
create or replace function public.preview_invite(p_invite text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_invite public.session_invites := private.find_invite(p_invite, false);
  v_session public.sessions := private.check_invite(v_uid, v_invite);
begin
  return jsonb_build_object(
    'host_name', v_invite.host_name,
    'session_type', v_session.session_type,
    'session_status', v_session.status,
    'expires_at', v_invite.expires_at,
    'joined', v_invite.redeemed_at is not null
  );
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
  return private.redeem_for(v_uid, p_invite, p_partner_name);
end;
$$;

create or replace function public.joined_session(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_invite public.session_invites := private.partner_invite(v_uid, p_session_id);
  v_session public.sessions;
begin
  select * into v_session from public.sessions where id = p_session_id;
  return private.partner_view(v_session, v_invite);
end;
$$;

-- the sessions the user joined as a partner, newest first, as the partner sees them.
create or replace function public.my_joined_sessions(p_limit integer default 50)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'invalid_argument' using detail = 'p_limit must be between 1 and 100.';
  end if;
  return coalesce((
    select jsonb_agg(private.partner_view(s, i) order by s.created_at desc)
      from (
        select * from public.session_invites
         where partner_id = v_uid and redeemed_at is not null
         order by redeemed_at desc
         limit p_limit
      ) i
      join public.sessions s on s.id = i.session_id
  ), '[]'::jsonb);
end;
$$;

create or replace function public.end_joined_session(p_session_id uuid, p_reason text default 'user_ended')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.require_browser_sessions();
  return private.end_joined_for(v_uid, p_session_id, p_reason);
end;
$$;

-- functions: the server's (proxy mode) -----------------------------------------------------------
-- service role only, where the server owns sessions; p_user_id is the user of a verified jwt.

create or replace function public.server_create_invite(p_user_id uuid, p_session_id uuid, p_host_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.create_invite_for(p_user_id, p_session_id, p_host_name);
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
  return private.redeem_for(p_user_id, p_invite, p_partner_name);
end;
$$;

create or replace function public.server_end_joined_session(p_user_id uuid, p_session_id uuid, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  perform private.require_server_caller(p_user_id);
  return private.end_joined_for(p_user_id, p_session_id, p_reason);
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.create_invite(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.preview_invite(text) from public, anon, authenticated, service_role;
revoke execute on function public.redeem_invite(text, text) from public, anon, authenticated, service_role;
revoke execute on function public.joined_session(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.my_joined_sessions(integer) from public, anon, authenticated, service_role;
revoke execute on function public.end_joined_session(uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.create_invite(uuid, text) to authenticated;
grant execute on function public.preview_invite(text) to authenticated;
grant execute on function public.redeem_invite(text, text) to authenticated;
grant execute on function public.joined_session(uuid) to authenticated;
grant execute on function public.my_joined_sessions(integer) to authenticated;
grant execute on function public.end_joined_session(uuid, text) to authenticated;

revoke execute on function public.server_create_invite(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.server_redeem_invite(uuid, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.server_end_joined_session(uuid, uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.server_create_invite(uuid, uuid, text) to service_role;
grant execute on function public.server_redeem_invite(uuid, text, text) to service_role;
grant execute on function public.server_end_joined_session(uuid, uuid, text) to service_role;
