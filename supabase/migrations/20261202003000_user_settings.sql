-- what each user chooses once and keeps for every session: the conversation's language and the
-- replica's memory. memory is one tavus memory store per user per persona, named with a generation;
-- turning memory off and on again moves to the next generation, so the replica starts afresh.
-- users read their row and change it only through the functions below; the tavus edge function
-- reads it for the user of a jwt it verified (server_session_settings).

-- tables -----------------------------------------------------------------------------------------

create table public.user_settings (
  user_id uuid primary key references auth.users (id) on delete cascade,
  language text not null default 'english',
  memory_enabled boolean not null default true,
  memory_generation integer not null default 1,
  updated_at timestamptz not null default now(),
  -- the languages tavus documents (src/lib/tavus/languages.ts; test/unit/rules.test.ts compares them)
  constraint user_settings_language_known check (language in (
    'english', 'french', 'german', 'spanish', 'portuguese', 'chinese', 'japanese', 'hindi',
    'italian', 'korean', 'dutch', 'polish', 'russian', 'swedish', 'turkish', 'tagalog',
    'bulgarian', 'romanian', 'arabic', 'czech', 'greek', 'finnish', 'croatian', 'malay', 'slovak',
    'danish', 'tamil', 'ukrainian', 'hungarian', 'norwegian', 'vietnamese', 'bengali', 'thai',
    'hebrew', 'georgian', 'indonesian', 'telugu', 'gujarati', 'kannada', 'malayalam', 'marathi',
    'punjabi', 'multilingual'
  )),
  constraint user_settings_generation_positive check (memory_generation >= 1)
);

alter table public.user_settings enable row level security;

-- policies ---------------------------------------------------------------------------------------

create policy "users read their own settings"
  on public.user_settings for select
  to authenticated
  using ((select auth.uid()) = user_id);

-- grants -----------------------------------------------------------------------------------------
-- users read their row (the policy above); every write goes through the functions below.

revoke all on table public.user_settings from public, anon, authenticated, service_role;
grant select on table public.user_settings to authenticated;

-- functions: private ------------------------------------------------------------------------------

-- the user's settings, the defaults when they never chose anything (no row is written by a read)
create or replace function private.settings_of(p_user_id uuid)
returns public.user_settings
language sql stable
set search_path = ''
as $$
  select coalesce(
    (select s from public.user_settings s where s.user_id = p_user_id),
    row(p_user_id, 'english', true, 1, now())::public.user_settings
  )
$$;

revoke execute on function private.settings_of(uuid) from public, anon, authenticated, service_role;

-- functions: the user's ---------------------------------------------------------------------------

create or replace function public.my_settings()
returns public.user_settings
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  return private.settings_of(private.require_user());
end;
$$;

create or replace function public.set_session_language(p_language text)
returns public.user_settings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_settings public.user_settings;
begin
  if p_language is null or p_language not in (
    'english', 'french', 'german', 'spanish', 'portuguese', 'chinese', 'japanese', 'hindi',
    'italian', 'korean', 'dutch', 'polish', 'russian', 'swedish', 'turkish', 'tagalog',
    'bulgarian', 'romanian', 'arabic', 'czech', 'greek', 'finnish', 'croatian', 'malay', 'slovak',
    'danish', 'tamil', 'ukrainian', 'hungarian', 'norwegian', 'vietnamese', 'bengali', 'thai',
    'hebrew', 'georgian', 'indonesian', 'telugu', 'gujarati', 'kannada', 'malayalam', 'marathi',
    'punjabi', 'multilingual'
  ) then
    raise exception 'invalid_argument'
      using detail = format('%s is not a language Tavus holds conversations in.', left(coalesce(p_language, 'null'), 40));
  end if;
  insert into public.user_settings (user_id, language) values (v_uid, p_language)
  on conflict (user_id) do update set language = excluded.language, updated_at = now()
  returning * into v_settings;
  return v_settings;
end;
$$;

-- turning memory on again after it was off moves to a new store: the replica starts afresh.
-- asking for what is already set changes nothing.
create or replace function public.set_memory(p_enabled boolean)
returns public.user_settings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_settings public.user_settings;
begin
  if p_enabled is null then
    raise exception 'invalid_argument' using detail = 'p_enabled must be true or false.';
  end if;
  insert into public.user_settings (user_id, memory_enabled) values (v_uid, p_enabled)
  on conflict (user_id) do update
    set memory_enabled = excluded.memory_enabled,
        memory_generation = public.user_settings.memory_generation
          + case when excluded.memory_enabled and not public.user_settings.memory_enabled then 1 else 0 end,
        updated_at = case when public.user_settings.memory_enabled = excluded.memory_enabled
                          then public.user_settings.updated_at else now() end
  returning * into v_settings;
  return v_settings;
end;
$$;

-- functions: the server's -------------------------------------------------------------------------

create or replace function public.server_session_settings(p_user_id uuid)
returns public.user_settings
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  perform private.require_service();
  if p_user_id is null then
    raise exception 'invalid_argument' using detail = 'p_user_id is required.';
  end if;
  return private.settings_of(p_user_id);
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.my_settings() from public, anon, authenticated, service_role;
revoke execute on function public.set_session_language(text) from public, anon, authenticated, service_role;
revoke execute on function public.set_memory(boolean) from public, anon, authenticated, service_role;
revoke execute on function public.server_session_settings(uuid) from public, anon, authenticated, service_role;

grant execute on function public.my_settings() to authenticated;
grant execute on function public.set_session_language(text) to authenticated;
grant execute on function public.set_memory(boolean) to authenticated;
grant execute on function public.server_session_settings(uuid) to service_role;
