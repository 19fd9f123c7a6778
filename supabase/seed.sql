-- local development only (`supabase start` / `supabase db reset` run it; `supabase db push` does
-- not): a confirmed demo account with some history, so /history and /usage have something to show.
-- sign in with demo@awaknow.local / awaknow-demo. plans come from the migrations, not from here.

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, email_change, email_change_token_new, recovery_token
)
values (
  '00000000-0000-0000-0000-000000000000', 'a0a0a0a0-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
  'demo@awaknow.local', extensions.crypt('awaknow-demo', extensions.gen_salt('bf')), now(),
  '{"provider": "email", "providers": ["email"]}', '{"name": "Demo"}', now() - interval '7 days', now(),
  '', '', '', ''
)
on conflict (id) do nothing;

insert into auth.identities (id, user_id, provider_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values (
  'a0a0a0a0-0000-4000-8000-000000000002', 'a0a0a0a0-0000-4000-8000-000000000001', 'a0a0a0a0-0000-4000-8000-000000000001',
  '{"sub": "a0a0a0a0-0000-4000-8000-000000000001", "email": "demo@awaknow.local", "email_verified": true}',
  'email', now(), now(), now()
)
on conflict do nothing;

-- the sign-up trigger gave the account the free plan; the demo runs on growth
update public.user_subscriptions s
   set plan_id = p.id, tavus_minutes_limit = p.monthly_minutes
  from public.plans p
 where p.id = 'growth' and s.user_id = 'a0a0a0a0-0000-4000-8000-000000000001';

-- two past sessions, charged the way end_session charges them
with history (id, days_ago, seconds, transcript) as (
  values
    ('a0a0a0a0-0000-4000-8000-0000000000a1'::uuid, 1, 312,
     '[{"role": "assistant", "content": "What would you like to reflect on today?"},
       {"role": "user", "content": "How I reacted in a meeting yesterday."}]'::jsonb),
    ('a0a0a0a0-0000-4000-8000-0000000000a2'::uuid, 3, 95,
     '[{"role": "assistant", "content": "Welcome back. How are you feeling?"},
       {"role": "user", "content": "Calmer than last week."}]'::jsonb)
),
inserted as (
  insert into public.sessions (
    id, user_id, session_type, persona_id, replica_id, conversation_name, tavus_conversation_id,
    conversation_url, status, max_call_duration, created_at, started_at, joined_at, ended_at,
    seconds_used, end_reason, shutdown_reason, transcript
  )
  select h.id, 'a0a0a0a0-0000-4000-8000-000000000001', 'reflect_alone', 'p7e13c73f41f', 'r4317e64d25a',
         'awaknow_reflect_alone_' || h.id, 'cdemo' || h.days_ago, 'https://tavus.daily.co/cdemo' || h.days_ago,
         'ended', 1800, t.at, t.at, t.at + interval '4 seconds', t.at + make_interval(secs => h.seconds),
         h.seconds, 'user_ended', 'end_conversation_endpoint_hit', h.transcript
    from history h
   cross join lateral (select now() - make_interval(days => h.days_ago) as at) t
  on conflict (id) do nothing
  returning id, user_id, persona_id, seconds_used, ended_at
)
insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used, usage_date, created_at)
select user_id, id, persona_id, seconds_used, (ended_at at time zone 'utc')::date, ended_at
  from inserted;

-- the month's usage is what this period's charges add up to
update public.user_subscriptions s
   set tavus_seconds_used = coalesce((
         select sum(u.seconds_used) from public.tavus_usage u
          where u.user_id = s.user_id and u.created_at >= s.period_start
       ), 0)
 where s.user_id = 'a0a0a0a0-0000-4000-8000-000000000001';
