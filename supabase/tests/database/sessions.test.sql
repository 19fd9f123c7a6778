-- the rules that guard paid minutes: one open session per user, enforced by a unique index
-- whoever writes, and each session charged once however many times it is ended.
-- pgtap, run by `supabase test db` and by pg_prove against the test server.

begin;
select plan(12);

select has_index('public', 'sessions', 'sessions_one_open_per_user', 'the one-open-session index exists');
select index_is_unique('public', 'sessions', 'sessions_one_open_per_user', 'and it is unique');

insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'c3c3c3c3-0000-4000-8000-000000000003', 'authenticated', 'authenticated',
        'cy@example.test', '{"provider":"email","providers":["email"]}', '{}', false, now(), now());

-- one open session ---------------------------------------------------------------------------------

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"c3c3c3c3-0000-4000-8000-000000000003","role":"authenticated"}', true);

select lives_ok($$ select set_config('test.session', (select id::text from public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a')), true) $$,
  'a first start is reserved');
select throws_ok($$ select public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a') $$,
  'P0001', 'session_already_active', 'a second start while one is open is refused');

reset role;
select throws_ok(
  $$ insert into public.sessions (user_id, session_type, persona_id, conversation_name, max_call_duration)
     values ('c3c3c3c3-0000-4000-8000-000000000003', 'reflect_alone', 'p7e13c73f41f', 'second', 600) $$,
  '23505', null, 'the index refuses a second open session even to the database owner');

-- charged once -------------------------------------------------------------------------------------

set local role authenticated;
select lives_ok($$ select public.attach_conversation(current_setting('test.session')::uuid, 'c3c3c3c3session', 'https://tavus.daily.co/c3c3c3c3session') $$,
  'the conversation is attached');
reset role;
update public.sessions set started_at = started_at - interval '120 seconds' where id = current_setting('test.session')::uuid;

set local role authenticated;
select is((select seconds_used from public.end_session(current_setting('test.session')::uuid, 'user_ended')), 120,
  'ending charges the seconds since the attach');
select is((select seconds_used from public.end_session(current_setting('test.session')::uuid, 'user_ended')), 120,
  'ending again returns the same session');

reset role;
set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);
select lives_ok(
  $$ select public.record_tavus_event('c3c3c3c3session', '{"event_type":"system.shutdown","properties":{"shutdown_reason":"participant_left"}}') $$,
  'a late shutdown callback is taken');

reset role;
select is((select count(*)::int from public.tavus_usage where session_id = current_setting('test.session')::uuid), 1,
  'one usage row for the session');
select is((select tavus_seconds_used from public.user_subscriptions where user_id = 'c3c3c3c3-0000-4000-8000-000000000003'), 120,
  'the subscription is charged once');
set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"c3c3c3c3-0000-4000-8000-000000000003","role":"authenticated"}', true);
select throws_ok($$ select public.start_session('reflect_alone', 'p7e13c73f41f', null) $$,
  'P0001', 'daily_limit_reached', 'once it ended, the next start meets the free plan''s one solo session a day');

reset role;
select * from finish();
rollback;
