-- who reads what: each user their own rows, visitors the plans only, the service role the sessions.
-- requests act as postgrest does: `set local role` and the jwt claims of the transaction.
-- pgtap, run by `supabase test db` and by pg_prove against the test server.

begin;
select plan(27);

-- two users, as supabase auth writes them (it chooses the id) ----------------------------------------

insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
values
  ('00000000-0000-0000-0000-000000000000', 'a1a1a1a1-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
   'ada@example.test', '{"provider":"email","providers":["email"]}', '{}', false, now(), now()),
  ('00000000-0000-0000-0000-000000000000', 'b2b2b2b2-0000-4000-8000-000000000002', 'authenticated', 'authenticated',
   null, '{}', '{}', true, now(), now());

-- ada ----------------------------------------------------------------------------------------------

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"a1a1a1a1-0000-4000-8000-000000000001","role":"authenticated"}', true);

select lives_ok($$ select set_config('test.ada_session', (select id::text from public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a')), true) $$,
  'ada starts a session');
select lives_ok($$ select set_config('test.ada_persona', (select id::text from public.save_persona(null, '{"persona_name":"Coach","system_prompt":"Listen."}')), true) $$,
  'ada saves a persona');
select is((select count(*)::int from public.sessions), 1, 'ada reads her session');
select is((select count(*)::int from public.personas), 1, 'ada reads her persona');
select is((select user_id from public.user_subscriptions), 'a1a1a1a1-0000-4000-8000-000000000001'::uuid, 'ada reads her subscription');
select is((select plan_id from public.my_usage), 'free', 'ada reads her usage');
select is((select count(*)::int from public.my_session_history), 1, 'ada reads her history');
select is((select count(*)::int from public.plans), 3, 'ada reads the plans');

-- bob, a guest -------------------------------------------------------------------------------------

select set_config('request.jwt.claims', '{"sub":"b2b2b2b2-0000-4000-8000-000000000002","role":"authenticated","is_anonymous":true}', true);

select is_empty($$ select * from public.sessions $$, 'bob reads none of ada''s sessions');
select is_empty($$ select * from public.personas $$, 'bob reads none of ada''s personas');
select is((select count(*)::int from public.user_subscriptions where user_id <> 'b2b2b2b2-0000-4000-8000-000000000002'), 0, 'bob reads no other subscription');
select is_empty($$ select * from public.my_session_history $$, 'bob''s history has none of ada''s sessions');
select throws_ok($$ select public.end_session(current_setting('test.ada_session')::uuid, 'user_ended') $$,
  'P0001', 'session_not_found', 'bob cannot end ada''s session');
select throws_ok($$ select public.delete_persona(current_setting('test.ada_persona')::uuid) $$,
  'P0001', 'persona_not_found', 'bob cannot delete ada''s persona');

-- a visitor ----------------------------------------------------------------------------------------

reset role;
set local role anon;
select set_config('request.jwt.claims', '{"role":"anon"}', true);

select results_eq($$ select id from public.plans order by id $$, array['free', 'growth', 'pro'], 'a visitor reads the plans');
select throws_ok($$ select * from public.sessions $$, '42501', null, 'a visitor cannot read sessions');
select throws_ok($$ select * from public.user_subscriptions $$, '42501', null, 'a visitor cannot read subscriptions');
select throws_ok($$ select * from public.personas $$, '42501', null, 'a visitor cannot read personas');
select throws_ok($$ select * from public.my_usage $$, '42501', null, 'a visitor cannot read usage');
select throws_ok($$ select * from public.my_session_history $$, '42501', null, 'a visitor cannot read history');
select throws_ok($$ select public.start_session('reflect_alone', 'p7e13c73f41f', null) $$, '42501', null, 'a visitor cannot start a session');

-- the service role (the webhook) -------------------------------------------------------------------

reset role;
set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);

select is((select count(*)::int from public.sessions), 1, 'the service role reads every session');
select throws_ok($$ select * from public.personas $$, '42501', null, 'the service role does not read personas');
select throws_ok($$ select * from public.user_subscriptions $$, '42501', null, 'the service role does not read subscriptions');
select throws_ok($$ select public.start_session('reflect_alone', 'p7e13c73f41f', null) $$, '42501', null, 'the service role cannot start a user''s session');
select throws_ok($$ select * from public.tavus_usage $$, '42501', null, 'the service role does not read usage');
select lives_ok($$ select public.expire_stale_sessions() $$, 'the service role runs the sweep');

reset role;
select * from finish();
rollback;
