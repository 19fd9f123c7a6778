-- what /history and /usage read: the caller's sessions without their transcripts, and the current
-- billing period's minutes per day, per persona and per session type, with how many sessions ended
-- or failed. views only, with security_invoker: the tables' row-level security applies to the
-- caller, and each view also names auth.uid() itself so the planner can use the (user_id, ...)
-- indexes. every report is bounded by the period, so its cost follows the period's sessions, not
-- the whole history; the history list is paged by the caller.

-- indexes ----------------------------------------------------------------------------------------

-- the breakdown reads the period's closed sessions by the time they closed (the time they were
-- charged, so its sums match the subscription's) without visiting the table.
create index sessions_user_id_closed_at_idx
  on public.sessions (user_id, ended_at)
  include (status, session_type, persona_id, seconds_used)
  where status in ('ended', 'failed');

-- views ------------------------------------------------------------------------------------------

-- one line per session, newest first when ordered by created_at desc, id desc (the index on
-- (user_id, created_at desc) serves it). the transcript, recording and analysis are left out, only
-- whether they have arrived: a page of twenty rows stays small however long the calls were.
create view public.my_session_history
with (security_invoker = true)
as
select
  s.id,
  s.session_type,
  s.persona_id,
  p.persona_name,
  s.replica_id,
  s.status,
  s.created_at,
  s.started_at,
  s.ended_at,
  -- from server timestamps, like the charge; null until the call has both started and ended
  case
    when s.started_at is not null and s.ended_at is not null
      then greatest(ceil(extract(epoch from s.ended_at - s.started_at)), 0)::integer
  end as duration_seconds,
  s.seconds_used,
  s.max_call_duration,
  s.end_reason,
  s.shutdown_reason,
  s.error,
  s.transcript is not null as has_transcript,
  s.recording is not null as has_recording,
  s.perception_analysis is not null as has_perception_analysis
from public.sessions s
-- the studio's name for the persona, when the user has one linked to this tavus id
left join public.personas p on p.owner_id = s.user_id and p.tavus_persona_id = s.persona_id
where s.user_id = (select auth.uid());

-- seconds charged per utc day of the current period (the period as my_usage rolls it forward).
-- days without a charge have no row. the period's bounds are scalar subqueries so that they reach
-- the index scan as bounds rather than filter every row of the user's history.
create view public.my_usage_days
with (security_invoker = true)
as
select
  t.usage_date,
  count(*)::integer as sessions,
  sum(t.seconds_used)::integer as seconds_used
from public.tavus_usage t
where t.user_id = (select auth.uid())
  and t.usage_date >= (select (u.period_start at time zone 'utc')::date from public.my_usage u)
  and t.usage_date < (select (u.period_end at time zone 'utc')::date from public.my_usage u)
group by t.usage_date;

-- the current period's closed sessions (counted when they ended or failed), in one pass:
-- dimension 'persona' (key: the tavus persona id), 'session_type' (key: the type) and one
-- 'total' row (key null), which is there even when the period has no session yet.
create view public.my_usage_breakdown
with (security_invoker = true)
as
select
  case
    when grouping(s.persona_id) = 0 then 'persona'
    when grouping(s.session_type) = 0 then 'session_type'
    else 'total'
  end as dimension,
  case
    when grouping(s.persona_id) = 0 then s.persona_id
    when grouping(s.session_type) = 0 then s.session_type
  end as key,
  (
    select p.persona_name from public.personas p
     where p.owner_id = (select auth.uid()) and p.tavus_persona_id = s.persona_id
  ) as persona_name,
  count(*) filter (where s.status = 'ended')::integer as sessions_ended,
  count(*) filter (where s.status = 'failed')::integer as sessions_failed,
  coalesce(sum(s.seconds_used), 0)::integer as seconds_used
from public.sessions s
where s.user_id = (select auth.uid())
  and s.status in ('ended', 'failed')
  and s.ended_at >= (select u.period_start from public.my_usage u)
  and s.ended_at < (select u.period_end from public.my_usage u)
group by grouping sets ((s.persona_id), (s.session_type), ());

-- policies ---------------------------------------------------------------------------------------
-- signed-in users read them (through the tables' policies); visitors and every write are refused.

revoke all on table public.my_session_history, public.my_usage_days, public.my_usage_breakdown
  from public, anon, authenticated, service_role;
grant select on table public.my_session_history, public.my_usage_days, public.my_usage_breakdown to authenticated;
