#!/usr/bin/env node
// The first screen in supabase data mode, for a signed-in visitor (a session supabase-js stored): a
// production build whose VITE_SUPABASE_URL is a local stand-in for the project, headless Chromium,
// fresh profiles, rounds interleaved with the floor (a bare React page, see bench-builds.mjs) and any
// BENCH_COMPARE commits, medians and ratios to the floor.
//
//   - first contentful paint, and when the start page's heading is in the page (it must not wait
//     for supabase-js: the stored session is read before the first render);
//   - "Start session" usable (enabled), and how many sequential round trips to the project came
//     before it (budget: one, the start page's reads sent together once supabase-js has loaded);
//   - a return visit of the same profile: when the plan's minutes are in the page (the last known
//     ones, kept per user, by the first paint), and when the button is usable.
//
// The stand-in answers as PostgREST does (JSON arrays for GET on a table or view, CORS for the
// browser's preflight), each after a round trip: no session open, the plans as the first migration seeds them, and the
// usage row public.my_usage gives a new Free user. supabase-js makes no auth request for an
// unexpired stored session; any other request is answered 404 and counted.
//
//   node scripts/bench-supabase.mjs        (or: npm run bench -- supabase)
//   BENCH_ROUNDS=5 BENCH_COMPARE=2d082ec node scripts/bench-supabase.mjs
/* global window, document, MutationObserver -- the probe runs in the page */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildTargets, cell, median, printChecks, root, sampleLoad, serveTargets } from './bench-builds.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4190) + 20;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Each answer leaves this long after its request arrived, as a project 100 ms away would answer:
// requests sent together then arrive within one round trip, and a request sent after an answer is another.
const ROUND_TRIP_MS = 100;
const BENCH_USER_ID = '00000000-0000-4000-8000-000000000001';
const BUDGET = { headingAfterFcp: 0, roundTripsBeforeUsable: 1, minutesAfterFcpReturn: 0 };

// The plans as supabase/migrations/20251121000100_plans_and_subscriptions.sql inserts them.
function seededPlans() {
  const sql = readFileSync(join(root, 'supabase/migrations/20251121000100_plans_and_subscriptions.sql'), 'utf8');
  const values = sql.split(/insert into public\.plans[^;]*?values/)[1].split(';')[0];
  return [...values.matchAll(/\('(\w+)', '([^']+)', (\d+), (\d+), (null|\d+), (true|false)\)/g)].map((m) => ({
    id: m[1],
    name: m[2],
    monthly_minutes: Number(m[3]),
    max_session_seconds: Number(m[4]),
    solo_sessions_per_day: m[5] === 'null' ? null : Number(m[5]),
    group_sessions: m[6] === 'true',
  }));
}

// A user with no settings row, as private.settings_of in the user_settings migration answers for
// them: its row(...) of defaults, which PostgREST returns as one object for a function returning a row.
function defaultSettings(userId) {
  const sql = readFileSync(join(root, 'supabase/migrations/20261202003000_user_settings.sql'), 'utf8');
  const [, language, memory, generation] = sql.match(/row\(p_user_id, '(\w+)', (true|false), (\d+), now\(\)\)/);
  return {
    user_id: userId,
    language,
    memory_enabled: memory === 'true',
    memory_generation: Number(generation),
    updated_at: new Date().toISOString(),
  };
}

function newFreeUsage(plans, now = new Date()) {
  const free = plans.find((p) => p.id === 'free');
  return {
    plan_id: 'free',
    status: 'active',
    period_start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    period_end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
    tavus_minutes_limit: free.monthly_minutes,
    tavus_seconds_used: 0,
    seconds_left: free.monthly_minutes * 60,
    solo_sessions_today: 0,
  };
}

/** The project's stand-in; `log` gets every request with its arrival and answer times (ms, this process's clock). */
function serveProject(port, log) {
  const plans = seededPlans();
  const tables = { sessions: () => [], plans: () => plans, my_usage: () => [newFreeUsage(plans)] };
  const functions = { my_settings: () => defaultSettings(BENCH_USER_ID) };
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    const cors = {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
      'Access-Control-Expose-Headers': 'Content-Range',
    };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    const entry = { path: url.pathname, at: performance.now() };
    log.push(entry);
    const table = url.pathname.match(/^\/rest\/v1\/(\w+)$/)?.[1];
    const rpc = url.pathname.match(/^\/rest\/v1\/rpc\/(\w+)$/)?.[1];
    const rows = request.method === 'GET' ? table && tables[table]?.() : request.method === 'POST' && rpc && functions[rpc]?.();
    if (!rows) {
      entry.unknown = true;
      response.writeHead(404, { ...cors, 'Content-Type': 'application/json' });
      return void response.end(JSON.stringify({ message: `not served by the bench: ${request.method} ${url.pathname}` }));
    }
    setTimeout(() => {
      const range = Array.isArray(rows) ? { 'Content-Range': `0-${rows.length - 1}/*` } : {};
      response.writeHead(200, { ...cors, 'Content-Type': 'application/json; charset=utf-8', ...range });
      response.end(JSON.stringify(rows));
      entry.done = performance.now();
    }, ROUND_TRIP_MS);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ close: () => new Promise((d) => server.close(d)) })));
}

function probe({ key, session }) {
  localStorage.setItem(key, JSON.stringify({ ...session, expires_at: Math.floor(Date.now() / 1000) + 3600 }));
  const t = (window.__bench = { heading: null, usable: null, minutes: null });
  new MutationObserver(() => {
    if (t.heading === null && [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Reflect')) t.heading = performance.now();
    if (t.minutes === null && [...document.querySelectorAll('dt')].some((d) => d.textContent === 'Minutes left'))
      t.minutes = performance.now();
    if (t.usable === null && [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Start session' && !b.disabled))
      t.usable = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}

/** Sequential round trips among the requests answered before `usableAt`: one sent after an answer starts another. */
function roundTrips(log, usableAt) {
  const before = log.filter((e) => (e.done ?? e.at) <= usableAt);
  let trips = 0;
  let firstAnswer = Infinity; // of the current round trip
  for (const e of before.sort((a, b) => a.at - b.at)) {
    if (trips === 0 || e.at > firstAnswer) {
      trips += 1;
      firstAnswer = e.done ?? e.at;
    } else firstAnswer = Math.min(firstAnswer, e.done ?? e.at);
  }
  return { trips, unknown: before.filter((e) => e.unknown).map((e) => e.path) };
}

/** One visit of `url` in `page`: the figures, and the round trips to the project before the button. */
async function visit(page, url, log, { settle }) {
  log.length = 0;
  const navigated = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench.usable !== null, null, { timeout: 120_000, polling: 50 });
  // Before a return visit: the project's answer shown (and so kept), not just the last known state.
  if (settle) await page.waitForFunction(() => !document.querySelector('.home__plan[aria-busy]'), null, { timeout: 120_000, polling: 50 });
  await page.waitForTimeout(200);
  const figures = await page.evaluate(() => ({
    ...window.__bench,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  }));
  if (process.env.BENCH_VERBOSE)
    console.log(log.map((e) => `${e.path} ${Math.round(e.at - navigated)}-${Math.round((e.done ?? e.at) - navigated)}`).join(', '));
  return { ...figures, ...roundTrips(log, navigated + figures.usable) };
}

const work = mkdtempSync(join(tmpdir(), 'awaknow-bench-supabase-'));
const projectUrl = `http://127.0.0.1:${PORT}`;
let failed = false;
const closers = [];
try {
  const load = sampleLoad();
  const env = {
    VITE_TAVUS_MODE: 'mock',
    VITE_TAVUS_API_KEY: '',
    VITE_SUPABASE_URL: projectUrl,
    VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-bench',
  };
  const targets = buildTargets(work, env);
  for (const server of await serveTargets(targets, PORT + 1)) closers.push(server.close);
  const log = [];
  closers.push((await serveProject(PORT, log)).close);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const key = `sb-${new URL(projectUrl).hostname.split('.')[0]}-auth-token`;
  const session = {
    access_token: 'bench-access-token',
    refresh_token: 'bench-refresh-token',
    token_type: 'bearer',
    expires_in: 3600,
    user: {
      id: BENCH_USER_ID,
      aud: 'authenticated',
      role: 'authenticated',
      email: 'bench@example.com',
      app_metadata: {},
      user_metadata: {},
      created_at: '2026-01-01T00:00:00Z',
    },
  };
  for (const target of targets) target.rounds = [];
  try {
    for (let r = 0; r < ROUNDS; r += 1) {
      // Interleaved, the order turned each round, so a burst of load falls on every build alike.
      for (const target of r % 2 ? [...targets].reverse() : targets) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(probe, { key, session });
        const first = await visit(page, target.url, log, { settle: target.kind !== 'floor' });
        await page.goto('about:blank');
        const again = await visit(page, target.url, log, { settle: false });
        await context.close();
        target.rounds.push({ first, again });
      }
      process.stdout.write(`round ${r + 1}/${ROUNDS} done\n`);
    }
  } finally {
    await browser.close();
  }
  load.stop();

  const [floor, app] = targets;
  console.log(
    `\n${ROUNDS} interleaved rounds, medians in ms from navigation (ratio to the floor); load average during the run: ${load.range()}`,
  );
  console.log(`| supabase data mode, stored session | ${targets.map((t) => t.name).join(' | ')} |`);
  console.log(`| --- |${targets.map(() => ' --- |').join('')}`);
  const rows = [
    ['first contentful paint, first visit', (x) => x.first.fcp],
    ["start page's heading in the page, first visit", (x) => x.first.heading],
    ['"Start session" usable, first visit', (x) => x.first.usable],
    ['first contentful paint, return visit', (x) => x.again.fcp],
    ["the plan's minutes in the page, return visit", (x) => x.again.minutes],
    ['"Start session" usable, return visit', (x) => x.again.usable],
  ];
  for (const [label, pick] of rows) console.log(`| ${label} | ${targets.map((t) => cell(t, floor, pick)).join(' | ')} |`);
  const trips = (t) => (t === floor ? '-' : String(median(t.rounds.map((x) => x.first.trips))));
  console.log(`| round trips to the project before usable, first visit | ${targets.map(trips).join(' | ')} |`);
  console.log(
    `load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const unknown = [...new Set(app.rounds.flatMap((x) => [...x.first.unknown, ...x.again.unknown]))];
  if (unknown.length) console.log(`requests the stand-in does not serve: ${unknown.join(', ')}`);
  const gap = (later, earlier) => (x) => (later(x) === null || earlier(x) === null ? null : later(x) - earlier(x));
  const pick = (f) => median(app.rounds.map(f));
  failed = printChecks([
    [
      "start page's heading - FCP, first visit",
      pick(
        gap(
          (x) => x.first.heading,
          (x) => x.first.fcp,
        ),
      ),
      BUDGET.headingAfterFcp,
    ],
    ['round trips before usable, first visit', pick((x) => x.first.trips), BUDGET.roundTripsBeforeUsable],
    [
      "the plan's minutes - FCP, return visit",
      pick(
        gap(
          (x) => x.again.minutes,
          (x) => x.again.fcp,
        ),
      ),
      BUDGET.minutesAfterFcpReturn,
    ],
  ]);
} finally {
  for (const close of closers) await close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
