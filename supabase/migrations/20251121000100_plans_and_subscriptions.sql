-- plans and one subscription per user. usage is counted in seconds (whole minutes rounded a
-- 20-second session down to nothing) and only the functions in later migrations write it.

-- private schema ---------------------------------------------------------------------------------
-- helpers that no api role may call; postgrest only exposes public.

create schema if not exists private;
revoke all on schema private from public;

-- tables -----------------------------------------------------------------------------------------

create table public.plans (
  id text primary key check (id ~ '^[a-z][a-z0-9_]{0,31}$'),
  name text not null check (length(btrim(name)) between 1 and 80),
  monthly_minutes integer not null check (monthly_minutes >= 0),
  -- tavus caps a conversation at 3600 seconds
  max_session_seconds integer not null check (max_session_seconds between 30 and 3600),
  -- null: no daily limit on solo sessions
  solo_sessions_per_day integer check (solo_sessions_per_day >= 0),
  group_sessions boolean not null default false
);

insert into public.plans (id, name, monthly_minutes, max_session_seconds, solo_sessions_per_day, group_sessions)
values
  ('free', 'Free', 25, 600, 1, false),
  ('growth', 'Growth', 300, 1800, null, false),
  ('pro', 'Pro', 1000, 3600, null, true);

-- the billing period is the calendar month in utc: every user's minutes renew on the 1st.
-- start_session rolls an ended period forward, so no scheduled job is needed.
create table public.user_subscriptions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  plan_id text not null default 'free' references public.plans (id),
  status text not null default 'active' check (status in ('active', 'past_due', 'canceled')),
  period_start timestamptz not null,
  period_end timestamptz not null,
  tavus_minutes_limit integer not null check (tavus_minutes_limit >= 0),
  tavus_seconds_used integer not null default 0 check (tavus_seconds_used >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_end > period_start)
);

create index user_subscriptions_plan_id_idx on public.user_subscriptions (plan_id);

-- policies ---------------------------------------------------------------------------------------

alter table public.plans enable row level security;
alter table public.user_subscriptions enable row level security;

-- supabase grants every api role all rights on new tables: take back every write.
revoke insert, update, delete, truncate, references, trigger on table public.plans from anon, authenticated;
revoke all on table public.user_subscriptions from anon;
revoke insert, update, delete, truncate, references, trigger on table public.user_subscriptions from authenticated;

create policy "plans are readable by everyone"
  on public.plans for select
  to anon, authenticated
  using (true);

create policy "users read their own subscription"
  on public.user_subscriptions for select
  to authenticated
  using ((select auth.uid()) = user_id);

-- functions --------------------------------------------------------------------------------------

create or replace function private.period_start_for(p_at timestamptz)
returns timestamptz
language sql immutable
set search_path = ''
as $$
  select date_trunc('month', p_at at time zone 'utc') at time zone 'utc'
$$;

create or replace function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger user_subscriptions_touch_updated_at
  before update on public.user_subscriptions
  for each row execute function private.touch_updated_at();

-- every new user, anonymous ones included, starts on the free plan for the current month.
create or replace function private.create_free_subscription()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_free public.plans;
begin
  select * into v_free from public.plans where id = 'free';
  if not found then
    raise exception 'plan_not_found' using detail = 'The free plan is missing from public.plans.';
  end if;

  insert into public.user_subscriptions (user_id, plan_id, period_start, period_end, tavus_minutes_limit)
  values (
    new.id,
    v_free.id,
    private.period_start_for(now()),
    private.period_start_for(now()) + interval '1 month',
    v_free.monthly_minutes
  )
  on conflict (user_id) do nothing;
  return new;
end;
$$;

create trigger create_free_subscription_on_signup
  after insert on auth.users
  for each row execute function private.create_free_subscription();

revoke execute on function private.period_start_for(timestamptz) from public, anon, authenticated, service_role;
revoke execute on function private.touch_updated_at() from public, anon, authenticated, service_role;
revoke execute on function private.create_free_subscription() from public, anon, authenticated, service_role;
