-- what the app shows on /usage and before a start: the plan, the period and the seconds left,
-- computed as start_session will see them (a period that has ended counts as renewed).
-- security invoker: row-level security of the underlying tables applies to the caller.

-- views ------------------------------------------------------------------------------------------

create view public.my_usage
with (security_invoker = true)
as
select
  s.user_id,
  s.plan_id,
  p.name as plan_name,
  s.status,
  case when now() >= s.period_end then current_period.start else s.period_start end as period_start,
  case when now() >= s.period_end then current_period.start + interval '1 month' else s.period_end end as period_end,
  s.tavus_minutes_limit,
  case when now() >= s.period_end then 0 else s.tavus_seconds_used end as tavus_seconds_used,
  greatest(
    s.tavus_minutes_limit * 60 - case when now() >= s.period_end then 0 else s.tavus_seconds_used end,
    0
  ) as seconds_left,
  p.max_session_seconds,
  p.solo_sessions_per_day,
  p.group_sessions,
  (
    select count(*)::integer from public.sessions x
     where x.user_id = s.user_id
       and x.session_type = 'reflect_alone'
       and x.status <> 'failed'
       and x.created_at >= (date_trunc('day', now() at time zone 'utc') at time zone 'utc')
  ) as solo_sessions_today
from public.user_subscriptions s
join public.plans p on p.id = s.plan_id
cross join lateral (
  select date_trunc('month', now() at time zone 'utc') at time zone 'utc' as start
) as current_period
where s.user_id = (select auth.uid());

-- policies ---------------------------------------------------------------------------------------

revoke all on table public.my_usage from anon;
revoke insert, update, delete, truncate, references, trigger on table public.my_usage from authenticated;
