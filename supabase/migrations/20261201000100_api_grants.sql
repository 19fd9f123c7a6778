-- what each api role may read, granted explicitly. a supabase project created today gives anon,
-- authenticated and service_role nothing on a new table or view in public (changelog #45329:
-- new projects since 2026-05-30, every project since 2026-10-30), so without these grants every
-- data api read of the app fails with 42501. this is a new migration rather than edits to the
-- ones that create the tables because `supabase db push` never reruns a migration a project
-- already has: this is what reaches those projects. it also takes back what the old default gave
-- (every privilege to every api role) and the earlier migrations did not revoke.
--
-- least privilege: select only, to the roles whose reads the app makes; every write goes through
-- the functions of the earlier migrations, whose execute grants are explicit where they are made.
-- row-level security stays on for every table: a grant opens the table, its policy picks the rows.
-- idempotent: each section revokes everything, then grants.

-- plans ------------------------------------------------------------------------------------------
-- the plan list is public (the sign-in page and /usage show it).

revoke all on table public.plans from public, anon, authenticated, service_role;
grant select on table public.plans to anon, authenticated;

-- user_subscriptions -----------------------------------------------------------------------------
-- a user reads their own (policy "users read their own subscription"), under my_usage.

revoke all on table public.user_subscriptions from public, anon, authenticated, service_role;
grant select on table public.user_subscriptions to authenticated;

-- sessions ---------------------------------------------------------------------------------------
-- a user reads their own (policy "users read their own sessions"); the webhook reads a session
-- by id with the service role (which bypasses row-level security) to check its conversation.

revoke all on table public.sessions from public, anon, authenticated, service_role;
grant select on table public.sessions to authenticated, service_role;

-- tavus_usage ------------------------------------------------------------------------------------
-- read by users through my_usage_days (security invoker: the caller needs the table).

revoke all on table public.tavus_usage from public, anon, authenticated, service_role;
grant select on table public.tavus_usage to authenticated;

-- personas ---------------------------------------------------------------------------------------
-- owners read theirs in the studio (policy "owners read their personas").

revoke all on table public.personas from public, anon, authenticated, service_role;
grant select on table public.personas to authenticated;

-- my_usage ---------------------------------------------------------------------------------------

revoke all on table public.my_usage from public, anon, authenticated, service_role;
grant select on table public.my_usage to authenticated;

-- my_session_history -----------------------------------------------------------------------------

revoke all on table public.my_session_history from public, anon, authenticated, service_role;
grant select on table public.my_session_history to authenticated;

-- my_usage_days ----------------------------------------------------------------------------------

revoke all on table public.my_usage_days from public, anon, authenticated, service_role;
grant select on table public.my_usage_days to authenticated;

-- my_usage_breakdown -----------------------------------------------------------------------------

revoke all on table public.my_usage_breakdown from public, anon, authenticated, service_role;
grant select on table public.my_usage_breakdown to authenticated;
