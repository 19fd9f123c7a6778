#!/usr/bin/env node
// The first screen in supabase data mode, for a return visitor (a session supabase-js stored): a
// production build whose VITE_SUPABASE_URL is a local stand-in for the project, headless Chromium,
// fresh profiles, medians.
//
//   - first contentful paint, and when the start page's heading is in the page (it must not wait
//     for supabase-js: the stored session is read before the first render);
//   - "Start session" usable (enabled), and how many sequential round trips to the project came
//     before it (budget: one, the start page's reads sent together once supabase-js has loaded).
//
// The stand-in answers as PostgREST does (JSON arrays for GET on a table or view, CORS for the
// browser's preflight), each after a round trip: no session open, the plans as the first migration seeds them, and the
// usage row public.my_usage gives a new Free user. supabase-js makes no auth request for an
// unexpired stored session; any other request is answered 404 and counted.
//
//   node scripts/bench-supabase.mjs        (or: npm run bench -- supabase)
/* global window, document, MutationObserver -- the probe runs in the page */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './bench-static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4190) + 20;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Each answer leaves this long after its request arrived, as a project 100 ms away would answer:
// requests sent together then arrive within one round trip, and a request sent after an answer is another.
const ROUND_TRIP_MS = 100;
const BUDGET = { headingAfterFcp: 0, roundTripsBeforeUsable: 1 };

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
    const rows = request.method === 'GET' && table && tables[table]?.();
    if (!rows) {
      entry.unknown = true;
      response.writeHead(404, { ...cors, 'Content-Type': 'application/json' });
      return void response.end(JSON.stringify({ message: `not served by the bench: ${request.method} ${url.pathname}` }));
    }
    setTimeout(() => {
      response.writeHead(200, { ...cors, 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': `0-${rows.length - 1}/*` });
      response.end(JSON.stringify(rows));
      entry.done = performance.now();
    }, ROUND_TRIP_MS);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ close: () => new Promise((d) => server.close(d)) })));
}

function probe({ key, session }) {
  localStorage.setItem(key, JSON.stringify({ ...session, expires_at: Math.floor(Date.now() / 1000) + 3600 }));
  const t = (window.__bench = { heading: null, usable: null });
  new MutationObserver(() => {
    if (t.heading === null && [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Reflect')) t.heading = performance.now();
    if (t.usable === null && [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Start session' && !b.disabled))
      t.usable = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}

const median = (values) => {
  const known = values.filter((v) => v !== null).sort((x, y) => x - y);
  return known.length ? known[Math.floor(known.length / 2)] : null;
};

const work = mkdtempSync(join(tmpdir(), 'awaknow-bench-supabase-'));
const projectUrl = `http://127.0.0.1:${PORT + 1}`;
let failed = false;
const closers = [];
try {
  const env = {
    ...process.env,
    VITE_TAVUS_MODE: 'mock',
    VITE_TAVUS_API_KEY: '',
    VITE_SUPABASE_URL: projectUrl,
    VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-bench',
  };
  const dist = join(work, 'app');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: root,
      env,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const app = await serveStatic(dist, PORT).catch(() => serveStatic(dist, 0));
  closers.push(app.close);
  const log = [];
  closers.push((await serveProject(PORT + 1, log)).close);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const key = `sb-${new URL(projectUrl).hostname.split('.')[0]}-auth-token`;
  const session = {
    access_token: 'bench-access-token',
    refresh_token: 'bench-refresh-token',
    token_type: 'bearer',
    expires_in: 3600,
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      aud: 'authenticated',
      role: 'authenticated',
      email: 'bench@example.com',
      app_metadata: {},
      user_metadata: {},
      created_at: '2026-01-01T00:00:00Z',
    },
  };
  const rounds = [];
  try {
    for (let r = 0; r < ROUNDS; r += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(probe, { key, session });
      log.length = 0;
      const navigated = performance.now();
      await page.goto(app.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench.usable !== null, null, { timeout: 120_000, polling: 50 });
      await page.waitForTimeout(200);
      const figures = await page.evaluate(() => ({
        ...window.__bench,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      }));
      await context.close();
      // Sequential round trips before the button: a request sent after an earlier one was answered starts another.
      const usableAt = navigated + figures.usable;
      // Answered before the button was usable: what it could have waited for (a refetch still in flight could not).
      const before = log.filter((e) => (e.done ?? e.at) <= usableAt);
      let trips = 0;
      let firstAnswer = Infinity; // of the current round trip
      for (const e of before.sort((a, b) => a.at - b.at)) {
        if (trips === 0 || e.at > firstAnswer) {
          trips += 1;
          firstAnswer = e.done ?? e.at;
        } else firstAnswer = Math.min(firstAnswer, e.done ?? e.at);
      }
      if (process.env.BENCH_VERBOSE)
        console.log(before.map((e) => `${e.path} ${Math.round(e.at - navigated)}-${Math.round((e.done ?? e.at) - navigated)}`).join(', '));
      rounds.push({ ...figures, trips, unknown: before.filter((e) => e.unknown).map((e) => e.path) });
      process.stdout.write(`round ${r + 1}/${ROUNDS} done\n`);
    }
  } finally {
    await browser.close();
  }
  const pick = (f) => median(rounds.map(f));
  const ms = (v) => (v === null ? '-' : Math.round(v).toLocaleString('en'));
  console.log(
    `\n${ROUNDS} rounds, medians in ms from navigation; load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('| supabase data mode, stored session | |\n| --- | --- |');
  console.log(`| first contentful paint | ${ms(pick((x) => x.fcp))} |`);
  console.log(`| start page's heading in the page | ${ms(pick((x) => x.heading))} |`);
  console.log(`| "Start session" usable | ${ms(pick((x) => x.usable))} |`);
  console.log(`| round trips to the project before usable | ${pick((x) => x.trips)} |`);
  const unknown = [...new Set(rounds.flatMap((x) => x.unknown))];
  if (unknown.length) console.log(`requests the stand-in does not serve: ${unknown.join(', ')}`);
  const checks = [
    ["start page's heading - FCP", pick((x) => (x.heading === null || x.fcp === null ? null : x.heading - x.fcp)), BUDGET.headingAfterFcp],
    ['round trips before usable', pick((x) => x.trips), BUDGET.roundTripsBeforeUsable],
  ];
  console.log('');
  for (const [label, value, budget] of checks) {
    const ok = value !== null && value <= budget;
    if (!ok) failed = true;
    console.log(`${ok ? 'ok  ' : 'OVER'}  ${label}: ${value === null ? 'not measured' : value.toFixed(1)} (budget ${budget})`);
  }
} finally {
  for (const close of closers) await close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
