-- the user's kept choices (user_settings): read by the user through its policy and my_settings,
-- changed only through set_session_language and set_memory, read by the server through
-- server_session_settings. pgtap, run by `supabase test db` and by pg_prove (test/db/pgtap.test.ts).

begin;
select plan(17);

select table_privs_are('public', 'user_settings', 'anon', array[]::text[], 'anon has nothing on user_settings');
select table_privs_are('public', 'user_settings', 'authenticated', array['SELECT'], 'authenticated reads user_settings');
select table_privs_are('public', 'user_settings', 'service_role', array[]::text[], 'service_role reads user_settings only through its function');
select policies_are('public', 'user_settings', array['users read their own settings'], 'one policy: users read their own settings');
select is((select relrowsecurity from pg_class where oid = 'public.user_settings'::regclass), true, 'user_settings has row-level security on');

select function_privs_are('public', 'my_settings', array[]::name[], 'anon', array[]::text[], 'anon may not call my_settings');
select function_privs_are('public', 'my_settings', array[]::name[], 'authenticated', array['EXECUTE'], 'authenticated calls my_settings');
select function_privs_are('public', 'my_settings', array[]::name[], 'service_role', array[]::text[], 'service_role may not call my_settings');
select function_privs_are('public', 'set_session_language', array['text']::name[], 'anon', array[]::text[], 'anon may not call set_session_language');
select function_privs_are('public', 'set_session_language', array['text']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls set_session_language');
select function_privs_are('public', 'set_session_language', array['text']::name[], 'service_role', array[]::text[], 'service_role may not call set_session_language');
select function_privs_are('public', 'set_memory', array['boolean']::name[], 'anon', array[]::text[], 'anon may not call set_memory');
select function_privs_are('public', 'set_memory', array['boolean']::name[], 'authenticated', array['EXECUTE'], 'authenticated calls set_memory');
select function_privs_are('public', 'set_memory', array['boolean']::name[], 'service_role', array[]::text[], 'service_role may not call set_memory');
select function_privs_are('public', 'server_session_settings', array['uuid']::name[], 'anon', array[]::text[], 'anon may not call server_session_settings');
select function_privs_are('public', 'server_session_settings', array['uuid']::name[], 'authenticated', array[]::text[], 'authenticated may not call server_session_settings');
select function_privs_are('public', 'server_session_settings', array['uuid']::name[], 'service_role', array['EXECUTE'], 'service_role calls server_session_settings');

select * from finish();
rollback;
