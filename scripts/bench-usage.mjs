#!/usr/bin/env node
// What /usage and /history cost the database as a user's history grows: the time of the usage
// report (my_usage, my_usage_days, my_usage_breakdown) and of the first history page (twenty rows
// and the count) for a user with 1,000 and one with 100,000 sessions, among 2,000 other users'
// sessions, on a real PostgreSQL server. Each user's sessions are spread over the last 1,000 days,
// one in ten a failed start, so the current period holds a month's share, as it would.
//
// The report reads only the current period through the indexes, so its budget holds at any history
// size. The history page's exact count is an index scan over all of the user's sessions: it grows
// with the history, and has a budget of its own.
//
//   node scripts/bench-usage.mjs            (or: npm run bench -- bench-usage)
//   BENCH_USAGE_BUDGET_MS=25 BENCH_HISTORY_BUDGET_MS=50 BENCH_USAGE_REPS=200 node scripts/bench-usage.mjs
import { performance } from 'node:perf_hooks';
import { asUser } from '../test/db/pg-server.mjs';
import { runOnMigratedServer, summarize } from './bench-server.mjs';

const BUDGETS_MS = {
  '/usage report': Number(process.env.BENCH_USAGE_BUDGET_MS ?? 25),
  '/history page': Number(process.env.BENCH_HISTORY_BUDGET_MS ?? 50),
};
const REPS = Number(process.env.BENCH_USAGE_REPS ?? 200);
const WARMUP = 30;
const SIZES = [1_000, 100_000];
const OTHER_USERS = 2_000;
const OTHER_SESSIONS = 200_000;
const DAYS = 1_000;

/** `count` closed sessions for each of `users`, spread over the last DAYS days (never in the future). */
async function fill(client, users, count) {
  await client.query(
    `insert into public.sessions (user_id, session_type, persona_id, replica_id, conversation_name,
                                  status, max_call_duration, created_at, started_at, ended_at, seconds_used, end_reason, error)
     select u, case when g % 4 = 0 then 'resolve_together' else 'reflect_alone' end,
            'p' || (g % 5), 'r4317e64d25a', 'bench_' || g,
            case when g % 10 = 0 then 'failed' else 'ended' end, 600,
            t.at, case when g % 10 = 0 then null else t.at end,
            t.at + case when g % 10 = 0 then interval '2 seconds' else make_interval(secs => 60 + g % 540) end,
            case when g % 10 = 0 then 0 else 60 + g % 540 end,
            case when g % 10 = 0 then null else 'user_ended' end,
            case when g % 10 = 0 then 'Tavus answered 500' end
       from unnest($1::uuid[]) u
      cross join generate_series(1, $2::int) g
      cross join lateral (select now() - interval '1 hour' - (g::float8 / $2 * $3) * interval '1 day' as at) t`,
    [users, count, DAYS],
  );
}

async function chargeAll(client) {
  await client.query(
    `insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used, usage_date, created_at)
     select s.user_id, s.id, s.persona_id, s.seconds_used, (s.ended_at at time zone 'utc')::date, s.ended_at
       from public.sessions s
      where s.status = 'ended' and not exists (select 1 from public.tavus_usage u where u.session_id = s.id)`,
  );
  await client.query(
    `update public.user_subscriptions s
        set tavus_minutes_limit = 1000000,
            tavus_seconds_used = coalesce((select sum(u.seconds_used) from public.tavus_usage u
                                           where u.user_id = s.user_id and u.usage_date >= (s.period_start at time zone 'utc')::date), 0)`,
  );
}

const REPORT = [
  'select * from public.my_usage',
  'select * from public.my_usage_days order by usage_date',
  'select * from public.my_usage_breakdown',
];
const HISTORY = [
  'select * from public.my_session_history order by created_at desc, id desc limit 20 offset 0',
  'select count(*)::int as n from public.my_session_history',
];

/** Milliseconds per read of a page's queries, each in its own request as PostgREST would run them. */
async function measure(client, uid, queries) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < WARMUP + REPS; i += 1) {
    const started = performance.now();
    rows = 0;
    for (const sql of queries) rows += (await asUser(client, uid, sql)).length;
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return { ...summarize(times), rows };
}

const ms = (value) => `${value.toFixed(2)} ms`;

await runOnMigratedServer(async (client, began) => {
  const { rows: others } = await client.query(
    `insert into auth.users (id, email) select gen_random_uuid(), 'other-' || g || '@bench.test' from generate_series(1, $1) g returning id`,
    [OTHER_USERS],
  );
  await fill(
    client,
    others.map((row) => row.id),
    OTHER_SESSIONS / OTHER_USERS,
  );
  const targets = [];
  for (const size of SIZES) {
    const {
      rows: [user],
    } = await client.query(`insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id`, [`user-${size}@bench.test`]);
    await fill(client, [user.id], size);
    targets.push({ size, id: user.id });
  }
  await chargeAll(client);
  await client.query('vacuum analyze');
  const {
    rows: [sizes],
  } = await client.query(
    `select (select count(*) from public.sessions)::int as sessions, (select count(*) from public.tavus_usage)::int as usage`,
  );
  console.log(
    `database: ${sizes.sessions.toLocaleString('en')} sessions and ${sizes.usage.toLocaleString('en')} usage rows, ` +
      `filled in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );

  const over = [];
  for (const { size, id } of targets) {
    const {
      rows: [period],
    } = await client.query(
      `select count(*)::int as n from public.sessions s join public.user_subscriptions u using (user_id)
        where s.user_id = $1 and s.ended_at >= u.period_start`,
      [id],
    );
    for (const [page, queries] of [
      ['/usage report', REPORT],
      ['/history page', HISTORY],
    ]) {
      const timing = await measure(client, id, queries);
      console.log(
        `${size.toLocaleString('en').padStart(7)} sessions (${period.n.toLocaleString('en')} this period), ${page}: ` +
          `mean ${ms(timing.mean)}, median ${ms(timing.median)}, p95 ${ms(timing.p95)} over ${REPS} reads (${queries.length} queries, ${timing.rows} rows)`,
      );
      if (!(timing.mean <= BUDGETS_MS[page])) over.push(`${page} at ${size.toLocaleString('en')} sessions: mean ${ms(timing.mean)}`);
    }
  }
  console.log(
    `budget (mean per read): ${Object.entries(BUDGETS_MS)
      .map(([page, budget]) => `${page} ${ms(budget)}`)
      .join(', ')}; ` + `total ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
  if (over.length) {
    console.log(`OVER BUDGET: ${over.join('; ')}`);
    return false;
  }
  return true;
});
