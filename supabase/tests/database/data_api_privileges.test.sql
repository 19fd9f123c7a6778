-- who may read and call what through the data api: the privileges of anon, authenticated and
-- service_role on every table, view and function of public, and none on private. pgtap, run by
-- `supabase test db` on a local stack and by pg_prove against the test server (test/db/pgtap.test.ts).
-- test/db/grant-matrix.ts states the same matrix for the vitest catalog checks.

begin;
select plan(66);

-- tables and views ---------------------------------------------------------------------------------

select table_privs_are('public', 'plans', 'anon', array['SELECT'], 'anon reads plans');
select table_privs_are('public', 'plans', 'authenticated', array['SELECT'], 'authenticated reads plans');
select table_privs_are('public', 'plans', 'service_role', array[]::text[], 'service_role has nothing on plans');
select table_privs_are('public', 'user_subscriptions', 'anon', array[]::text[], 'anon has nothing on user_subscriptions');
select table_privs_are('public', 'user_subscriptions', 'authenticated', array['SELECT'], 'authenticated reads user_subscriptions');
select table_privs_are('public', 'user_subscriptions', 'service_role', array[]::text[], 'service_role has nothing on user_subscriptions');
select table_privs_are('public', 'sessions', 'anon', array[]::text[], 'anon has nothing on sessions');
select table_privs_are('public', 'sessions', 'authenticated', array['SELECT'], 'authenticated reads sessions');
select table_privs_are('public', 'sessions', 'service_role', array['SELECT'], 'service_role reads sessions');
select table_privs_are('public', 'tavus_usage', 'anon', array[]::text[], 'anon has nothing on tavus_usage');
select table_privs_are('public', 'tavus_usage', 'authenticated', array['SELECT'], 'authenticated reads tavus_usage');
select table_privs_are('public', 'tavus_usage', 'service_role', array[]::text[], 'service_role has nothing on tavus_usage');
select table_privs_are('public', 'personas', 'anon', array[]::text[], 'anon has nothing on personas');
select table_privs_are('public', 'personas', 'authenticated', array['SELECT'], 'authenticated reads personas');
select table_privs_are('public', 'personas', 'service_role', array[]::text[], 'service_role has nothing on personas');
select table_privs_are('public', 'my_usage', 'anon', array[]::text[], 'anon has nothing on my_usage');
select table_privs_are('public', 'my_usage', 'authenticated', array['SELECT'], 'authenticated reads my_usage');
select table_privs_are('public', 'my_usage', 'service_role', array[]::text[], 'service_role has nothing on my_usage');
select table_privs_are('public', 'my_session_history', 'anon', array[]::text[], 'anon has nothing on my_session_history');
select table_privs_are('public', 'my_session_history', 'authenticated', array['SELECT'], 'authenticated reads my_session_history');
select table_privs_are('public', 'my_session_history', 'service_role', array[]::text[], 'service_role has nothing on my_session_history');
select table_privs_are('public', 'my_usage_days', 'anon', array[]::text[], 'anon has nothing on my_usage_days');
select table_privs_are('public', 'my_usage_days', 'authenticated', array['SELECT'], 'authenticated reads my_usage_days');
select table_privs_are('public', 'my_usage_days', 'service_role', array[]::text[], 'service_role has nothing on my_usage_days');
select table_privs_are('public', 'my_usage_breakdown', 'anon', array[]::text[], 'anon has nothing on my_usage_breakdown');
select table_privs_are('public', 'my_usage_breakdown', 'authenticated', array['SELECT'], 'authenticated reads my_usage_breakdown');
select table_privs_are('public', 'my_usage_breakdown', 'service_role', array[]::text[], 'service_role has nothing on my_usage_breakdown');

-- functions --------------------------------------------------------------------------------------

select function_privs_are('public', 'start_session', array['text', 'text', 'text']::name[], 'anon', array[]::text[], 'anon may not call start_session');
select function_privs_are('public', 'start_session', array['text', 'text', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls start_session');
select function_privs_are('public', 'start_session', array['text', 'text', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call start_session');
select function_privs_are('public', 'attach_conversation', array['uuid', 'text', 'text', 'text']::name[], 'anon', array[]::text[], 'anon may not call attach_conversation');
select function_privs_are('public', 'attach_conversation', array['uuid', 'text', 'text', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls attach_conversation');
select function_privs_are('public', 'attach_conversation', array['uuid', 'text', 'text', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call attach_conversation');
select function_privs_are('public', 'end_session', array['uuid', 'text']::name[], 'anon', array[]::text[], 'anon may not call end_session');
select function_privs_are('public', 'end_session', array['uuid', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls end_session');
select function_privs_are('public', 'end_session', array['uuid', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call end_session');
select function_privs_are('public', 'fail_session', array['uuid', 'text']::name[], 'anon', array[]::text[], 'anon may not call fail_session');
select function_privs_are('public', 'fail_session', array['uuid', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls fail_session');
select function_privs_are('public', 'fail_session', array['uuid', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call fail_session');
select function_privs_are('public', 'save_persona', array['uuid', 'jsonb']::name[], 'anon', array[]::text[], 'anon may not call save_persona');
select function_privs_are('public', 'save_persona', array['uuid', 'jsonb']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls save_persona');
select function_privs_are('public', 'save_persona', array['uuid', 'jsonb']::name[], 'service_role', array[]::text[], 'service_role may not call save_persona');
select function_privs_are('public', 'mark_persona_synced', array['uuid', 'text']::name[], 'anon', array[]::text[], 'anon may not call mark_persona_synced');
select function_privs_are('public', 'mark_persona_synced', array['uuid', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls mark_persona_synced');
select function_privs_are('public', 'mark_persona_synced', array['uuid', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call mark_persona_synced');
select function_privs_are('public', 'mark_persona_failed', array['uuid', 'text']::name[], 'anon', array[]::text[], 'anon may not call mark_persona_failed');
select function_privs_are('public', 'mark_persona_failed', array['uuid', 'text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls mark_persona_failed');
select function_privs_are('public', 'mark_persona_failed', array['uuid', 'text']::name[], 'service_role', array[]::text[], 'service_role may not call mark_persona_failed');
select function_privs_are('public', 'link_persona', array['text', 'jsonb']::name[], 'anon', array[]::text[], 'anon may not call link_persona');
select function_privs_are('public', 'link_persona', array['text', 'jsonb']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls link_persona');
select function_privs_are('public', 'link_persona', array['text', 'jsonb']::name[], 'service_role', array[]::text[], 'service_role may not call link_persona');
select function_privs_are('public', 'delete_persona', array['uuid']::name[], 'anon', array[]::text[], 'anon may not call delete_persona');
select function_privs_are('public', 'delete_persona', array['uuid']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls delete_persona');
select function_privs_are('public', 'delete_persona', array['uuid']::name[], 'service_role', array[]::text[], 'service_role may not call delete_persona');
select function_privs_are('public', 'session_room', array['uuid']::name[], 'anon', array[]::text[], 'anon may not call session_room');
select function_privs_are('public', 'session_room', array['uuid']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls session_room');
select function_privs_are('public', 'session_room', array['uuid']::name[], 'service_role', array[]::text[], 'service_role may not call session_room');
select function_privs_are('public', 'record_tavus_event', array['text', 'jsonb']::name[], 'anon', array[]::text[], 'anon may not call record_tavus_event');
select function_privs_are('public', 'record_tavus_event', array['text', 'jsonb']::name[], 'authenticated', array[]::text[], 'authenticated may not call record_tavus_event');
select function_privs_are('public', 'record_tavus_event', array['text', 'jsonb']::name[], 'service_role', array['EXECUTE'], 'service_role calls record_tavus_event');
select function_privs_are('public', 'expire_stale_sessions', array[]::name[], 'anon', array[]::text[], 'anon may not call expire_stale_sessions');
select function_privs_are('public', 'expire_stale_sessions', array[]::name[], 'authenticated', array[]::text[], 'authenticated may not call expire_stale_sessions');
select function_privs_are('public', 'expire_stale_sessions', array[]::name[], 'service_role', array['EXECUTE'], 'service_role calls expire_stale_sessions');

-- private ----------------------------------------------------------------------------------------

select schema_privs_are('private', 'anon', array[]::text[], 'anon has no way into private');
select schema_privs_are('private', 'authenticated', array[]::text[], 'authenticated has no way into private');
select schema_privs_are('private', 'service_role', array[]::text[], 'service_role has no way into private');

select * from finish();
rollback;
