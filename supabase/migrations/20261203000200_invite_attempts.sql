-- a limit on guessing invite codes. a code is six of 30 characters (about 729 million) and opens a
-- session for 15 minutes, so each user may look up at most 10 invites that do not exist in 10
-- minutes (by the database's clock); past that, every lookup, the right code's included, is
-- invite_attempts_exceeded until the oldest of those misses is 10 minutes old.
-- a raising function takes back its own writes, so a miss is not raised: preview_invite,
-- redeem_invite and server_redeem_invite record it and answer {"refused": "invite_not_found"},
-- which the app's callers (src/lib/db/invites.ts, the tavus function's db.ts) turn into the same
-- invite_not_found error as before. a lookup that finds an invite (used, expired, one's own)
-- still raises its code and is no miss.
-- codes: invite_attempts_exceeded, and invite_not_found as an answer.

-- tables -----------------------------------------------------------------------------------------

create table private.invite_misses (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  missed_at timestamptz not null default now()
);

create index invite_misses_user_idx on private.invite_misses (user_id, missed_at);

-- policies ---------------------------------------------------------------------------------------
-- written and read by the invite functions alone: no api role reaches it, no operation has a
-- policy; row-level security without policies is a second lock.

alter table private.invite_misses enable row level security;

revoke all on table private.invite_misses from public, anon, authenticated, service_role;

-- functions: private ------------------------------------------------------------------------------

-- an invite by its link token or its code (spaces and dashes ignored, any case), locked when
-- asked; a row of nulls when there is none, the miss recorded. a user at the limit is refused
-- before anything is looked up. one user's lookups take turns (a lock held to the end of the
-- transaction), so guesses sent in parallel are counted one after the other.
create or replace function private.lookup_invite(p_uid uuid, p_invite text, p_lock boolean)
returns public.session_invites
language plpgsql
set search_path = ''
as $$
declare
  v_key text := coalesce(p_invite, '');
  v_misses integer;
  v_invite public.session_invites;
begin
  perform pg_advisory_xact_lock(hashtextextended('awaknow.invite_lookup:' || p_uid::text, 0));
  delete from private.invite_misses where user_id = p_uid and missed_at <= now() - interval '10 minutes';
  select count(*) into v_misses from private.invite_misses where user_id = p_uid;
  if v_misses >= 10 then
    raise exception 'invite_attempts_exceeded'
      using detail = 'Ten invite codes that do not exist were tried from this account in the last 10 minutes.',
            hint = 'Wait 10 minutes, then type the code exactly as you were given it.';
  end if;

  if v_key !~ '^[0-9a-f]{64}$' then
    v_key := upper(regexp_replace(v_key, '[\s-]', '', 'g'));
  end if;
  if p_lock then
    select * into v_invite from public.session_invites where token = v_key or code = v_key for update;
  else
    select * into v_invite from public.session_invites where token = v_key or code = v_key;
  end if;
  if not found then
    insert into private.invite_misses (user_id) values (p_uid);
  end if;
  return v_invite;
end;
$$;

-- the answer to a lookup that found no invite (the miss stays recorded: nothing raised).
create or replace function private.invite_refusal()
returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object('refused', 'invite_not_found', 'detail', 'No invite has this link or code.')
$$;

-- 20261202002000's redeem_for, looking the invite up through the limit.
create or replace function private.redeem_for(p_uid uuid, p_invite text, p_partner_name text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_invite public.session_invites := private.lookup_invite(p_uid, p_invite, true);
  v_session public.sessions;
  v_name text;
begin
  if v_invite.id is null then
    return private.invite_refusal();
  end if;
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

-- every lookup now goes through lookup_invite
drop function private.find_invite(text, boolean);

revoke execute on function private.lookup_invite(uuid, text, boolean) from public, anon, authenticated, service_role;
revoke execute on function private.invite_refusal() from public, anon, authenticated, service_role;
revoke execute on function private.redeem_for(uuid, text, text) from public, anon, authenticated, service_role;

-- functions: the browser's -----------------------------------------------------------------------
-- redeem_invite and server_redeem_invite reach lookup_invite through redeem_for (20261203000100).

create or replace function public.preview_invite(p_invite text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_invite public.session_invites := private.lookup_invite(v_uid, p_invite, false);
  v_session public.sessions;
begin
  if v_invite.id is null then
    return private.invite_refusal();
  end if;
  v_session := private.check_invite(v_uid, v_invite);
  return jsonb_build_object(
    'host_name', v_invite.host_name,
    'session_type', v_session.session_type,
    'session_status', v_session.status,
    'expires_at', v_invite.expires_at,
    'joined', v_invite.redeemed_at is not null
  );
end;
$$;
