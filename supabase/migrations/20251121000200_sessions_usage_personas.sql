-- sessions, the usage they are charged, and the personas of the studio.
-- users read their own rows; every write goes through the functions of later migrations or the
-- service role.

-- tables -----------------------------------------------------------------------------------------

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  session_type text not null check (session_type in ('reflect_alone', 'resolve_together')),
  persona_id text not null,
  replica_id text,
  conversation_name text not null,
  tavus_conversation_id text unique,
  conversation_url text,
  status text not null default 'starting' check (status in ('starting', 'active', 'ended', 'failed')),
  max_call_duration integer not null check (max_call_duration between 1 and 3600),
  created_at timestamptz not null default now(),
  -- set by attach_conversation: charging counts from here
  started_at timestamptz,
  -- set when tavus reports system.replica_joined
  joined_at timestamptz,
  ended_at timestamptz,
  seconds_used integer not null default 0 check (seconds_used >= 0),
  end_reason text,
  shutdown_reason text,
  transcript jsonb,
  recording jsonb,
  perception_analysis jsonb,
  error text,
  check (status <> 'active' or started_at is not null),
  check (status not in ('ended', 'failed') or ended_at is not null)
);

-- the guard against parallel paid conversations (two tabs, two devices, a reload): at most one
-- open session per user, enforced by the index rather than by a check-then-insert.
create unique index sessions_one_open_per_user
  on public.sessions (user_id)
  where status in ('starting', 'active');

create index sessions_user_id_created_at_idx on public.sessions (user_id, created_at desc);

-- expire_stale_sessions scans only open sessions
create index sessions_open_created_at_idx
  on public.sessions (created_at)
  where status in ('starting', 'active');

create table public.tavus_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  -- one row per charged session: the unique key makes charging happen once
  session_id uuid not null unique references public.sessions (id) on delete cascade,
  persona_id text,
  seconds_used integer not null check (seconds_used >= 0),
  usage_date date not null default ((now() at time zone 'utc')::date),
  created_at timestamptz not null default now()
);

create index tavus_usage_user_id_usage_date_idx on public.tavus_usage (user_id, usage_date);

create table public.personas (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  persona_name text not null check (length(btrim(persona_name)) between 1 and 200),
  system_prompt text,
  context text,
  pipeline_mode text not null default 'full',
  default_replica_id text,
  layers jsonb not null default '{}'::jsonb check (jsonb_typeof(layers) = 'object'),
  objectives_id text,
  guardrails_id text,
  document_ids text[] not null default '{}',
  tavus_persona_id text,
  sync_status text not null default 'pending' check (sync_status in ('pending', 'synced', 'failed')),
  sync_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (owner_id, tavus_persona_id)
);

create trigger personas_touch_updated_at
  before update on public.personas
  for each row execute function private.touch_updated_at();

-- policies ---------------------------------------------------------------------------------------

alter table public.sessions enable row level security;
alter table public.tavus_usage enable row level security;
alter table public.personas enable row level security;

revoke all on table public.sessions, public.tavus_usage, public.personas from anon;
revoke insert, update, delete, truncate, references, trigger
  on table public.sessions, public.tavus_usage, public.personas
  from authenticated;

create policy "users read their own sessions"
  on public.sessions for select
  to authenticated
  using ((select auth.uid()) = user_id);

create policy "users read their own usage"
  on public.tavus_usage for select
  to authenticated
  using ((select auth.uid()) = user_id);

create policy "owners read their personas"
  on public.personas for select
  to authenticated
  using ((select auth.uid()) = owner_id);
