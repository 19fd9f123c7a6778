#!/usr/bin/env node
// Database cost against history size: the average time of one session's start_session,
// attach_conversation and end_session (three API requests) for one user, with 1,000 and then
// 1,000,000 rows of history (sessions + tavus_usage, spread over users and a year). A user's
// reservation and charge must not slow down as everyone's history grows.
//
//   node scripts/bench-db.mjs            (or: npm run bench -- bench-db)
//   BENCH_DB_REPS=300 BENCH_DB_RATIO_BUDGET=2 node scripts/bench-db.mjs
import { performance } from 'node:perf_hooks';
import { asUser } from '../test/db/pg-server.mjs';
import { runOnMigratedServer, summarize } from './bench-server.mjs';

const BUDGET = Number(process.env.BENCH_DB_RATIO_BUDGET ?? 2);
const REPS = Number(process.env.BENCH_DB_REPS ?? 200);
const WARMUP = 50;
const USERS = 1_000;
const SIZES = [1_000, 1_000_000];

/** Grows the history to `rows` rows: half sessions, half their usage, over USERS users and 365 days. */
async function fillHistory(client, rows) {
  const {
    rows: [{ n: existing }],
  } = await client.query(`select count(*)::int as n from public.sessions where conversation_name like 'history_%'`);
  const target = rows / 2;
  // a bulk load is faster with the secondary indexes built afterwards, and without foreign-key
  // triggers (the generated rows reference existing users and sessions)
  const { rows: indexes } = await client.query(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in ('sessions', 'tavus_usage')
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  await client.query(`set session_replication_role = replica`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(
    `with bench_users as (
       select id, (row_number() over (order by email) - 1)::int as n from auth.users where email like 'bench-%'
     )
     insert into public.sessions (user_id, session_type, persona_id, replica_id, conversation_name,
                                  tavus_conversation_id, conversation_url, status, max_call_duration,
                                  created_at, started_at, ended_at, seconds_used, end_reason)
     select u.id, 'reflect_alone', 'p7e13c73f41f', 'r4317e64d25a', 'history_' || g, 'h' || g,
            'https://tavus.daily.co/h' || g, 'ended', 600, t.at, t.at, t.at + interval '5 minutes', 300, 'user_ended'
       from generate_series($1::int + 1, $2::int) g
       join bench_users u on u.n = g % $3
       cross join lateral (select now() - (g % 365) * interval '1 day' - interval '1 hour' as at) t`,
    [existing, target, USERS],
  );
  await client.query(
    `insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used, usage_date, created_at)
     select s.user_id, s.id, s.persona_id, s.seconds_used, (s.ended_at at time zone 'utc')::date, s.ended_at
       from public.sessions s
      where s.conversation_name like 'history_%'
        and not exists (select 1 from public.tavus_usage u where u.session_id = s.id)`,
  );
  await client.query(`set session_replication_role = origin`);
  for (const index of indexes) await client.query(index.definition);
  await client.query('vacuum analyze');
  const {
    rows: [count],
  } = await client.query(`select (select count(*) from public.sessions)::int + (select count(*) from public.tavus_usage)::int as n`);
  return count.n;
}

/** One user's session from reservation to charge, timed per cycle; returns milliseconds per cycle. */
async function measure(client, uid) {
  const times = [];
  for (let i = 0; i < WARMUP + REPS; i += 1) {
    const started = performance.now();
    const [session] = await asUser(client, uid, `select id from public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a')`);
    const conversationId = `c${session.id.replaceAll('-', '')}`;
    await asUser(client, uid, 'select public.attach_conversation($1, $2, $3)', [
      session.id,
      conversationId,
      `https://tavus.daily.co/${conversationId}`,
    ]);
    const [ended] = await asUser(client, uid, 'select status from public.end_session($1)', [session.id]);
    if (ended.status !== 'ended') throw new Error(`session ${session.id} did not end: ${ended.status}`);
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return summarize(times);
}

await runOnMigratedServer(async (client, began) => {
  await client.query(
    `insert into auth.users (id, email) select gen_random_uuid(), 'bench-' || lpad(g::text, 5, '0') || '@bench.test' from generate_series(1, $1) g`,
    [USERS],
  );
  // a plan whose daily limit exists but is never reached, so the daily count runs on every start
  await client.query(`insert into public.plans values ('bench', 'Bench', 1000000, 3600, 1000000, true)`);

  const results = [];
  for (const [index, size] of SIZES.entries()) {
    const fillStarted = performance.now();
    const total = await fillHistory(client, size);
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    // a different user per size, each with its share of the history, so today's own sessions
    // from the previous measurement do not weigh on the next
    const {
      rows: [user],
    } = await client.query(`select id from auth.users where email like 'bench-%' order by email offset $1 limit 1`, [index]);
    await client.query(`update public.user_subscriptions set plan_id = 'bench', tavus_minutes_limit = 1000000 where user_id = $1`, [
      user.id,
    ]);
    const timing = await measure(client, user.id);
    results.push({ size, total, timing });
    console.log(
      `history ${size.toLocaleString('en')} rows (${total.toLocaleString('en')} in sessions + tavus_usage, filled in ${fillSeconds.toFixed(1)} s): ` +
        `start + attach + end mean ${timing.mean.toFixed(2)} ms, median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms over ${REPS} sessions`,
    );
  }
  const ratio = results[1].timing.mean / results[0].timing.mean;
  console.log(
    `ratio (mean at ${SIZES[1].toLocaleString('en')} / mean at ${SIZES[0].toLocaleString('en')}): ${ratio.toFixed(2)} (budget ${BUDGET.toFixed(2)})`,
  );
  console.log(`total ${((performance.now() - began) / 1000).toFixed(1)} s`);
  if (!(ratio <= BUDGET)) {
    console.log(`OVER BUDGET: a session costs ${ratio.toFixed(2)}x more with the larger history.`);
    return false;
  }
  return true;
});
