-- the sweep of sessions nobody closed (a tab that died before its keepalive request, a shutdown
-- callback that never came): public.expire_stale_sessions() every minute through pg_cron.
-- supabase ships pg_cron; where it is missing (the embedded database, a plain postgresql without
-- the extension) nothing is scheduled and the readme's "edge functions" section says how to run
-- the sweep instead. nothing here fails when pg_cron is absent.

-- extensions -------------------------------------------------------------------------------------

do $$
begin
  if exists (select from pg_available_extensions where name = 'pg_cron')
     and not exists (select from pg_extension where extname = 'pg_cron') then
    begin
      create extension pg_cron;
    exception when others then
      -- e.g. pg_cron installed but not in shared_preload_libraries
      raise notice 'pg_cron could not be enabled (%); the stale-session sweep is not scheduled.', sqlerrm;
    end;
  end if;
end
$$;

-- jobs -------------------------------------------------------------------------------------------

-- cron runs the job as the migration's owner without a jwt, which private.require_service()
-- accepts; scheduling by name replaces an earlier job of the same name, so this may run again.
do $$
begin
  if to_regprocedure('cron.schedule(text,text,text)') is null then
    raise notice 'pg_cron is not installed: run select public.expire_stale_sessions() every minute some other way.';
    return;
  end if;
  perform cron.schedule('awaknow-expire-stale-sessions', '* * * * *', 'select public.expire_stale_sessions()');
end
$$;
