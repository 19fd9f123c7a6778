#!/usr/bin/env node
// The first screen, as a visitor sees it: production builds served compressed from loopback,
// headless Chromium, a fresh profile per first visit, rounds interleaved between the builds, medians.
//
//   - first contentful paint, largest contentful paint, "Start session" usable (enabled), on a first
//     visit (empty profile) and a return visit (same profile, database already made);
//   - click to call screen, including whatever database start-up is still in flight: the button is
//     pressed the moment it is usable (the call screen's heading; it comes first in its reserving
//     state), and click to the call itself (its End session button, once reserved and created);
//   - database start-up (the app's `awaknow:db-ready` mark, when the build has it);
//   - main-thread JS fetched before the button was usable, gzip as sent, from the network log
//     (the database worker's own requests are not the page's);
//   - one first visit at 10 Mbit/s with 40 ms round trips (Chromium's network emulation).
//
// The floor is a bare React page with one button, built in the same run: every figure is also
// given as a ratio to it. BENCH_COMPARE=<commit> adds that commit's build as a column (built from
// `git archive`, with this checkout's node_modules), for before/after in one run.
//
//   node scripts/bench-first-visit.mjs        (or: npm run bench -- first-visit)
//   BENCH_ROUNDS=7 BENCH_COMPARE=e44053e node scripts/bench-first-visit.mjs
/* global window, document, MutationObserver -- the probe and the waits run in the page */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildTargets, cell, median, printChecks, sampleLoad, serveTargets } from './bench-builds.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4190);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SLOW = { offline: false, latency: 40, downloadThroughput: (10e6 / 8) | 0, uploadThroughput: (10e6 / 8) | 0 };

// Budgets of the app on this machine (milliseconds unless said); figures over them fail the bench.
const BUDGET = {
  usableAfterFcp: 50, // "Start session" usable within this long after first contentful paint, both visits
  lcpAfterFcp: 100,
  clickToCallFirst: 1_500,
  clickToCallReturn: 400,
  dbFirst: 1_300,
  dbReturn: 700,
  firstPageJsKb: 120,
};

const APP_ENV = { VITE_TAVUS_MODE: 'mock', VITE_TAVUS_API_KEY: '', VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' };
const work = mkdtempSync(join(tmpdir(), 'awaknow-bench-first-'));

const hasDbMark = (dist) =>
  readdirSync(join(dist, 'assets')).some(
    (f) => f.endsWith('.js') && readFileSync(join(dist, 'assets', f), 'utf8').includes('awaknow:db-ready'),
  );

// Runs in the page before its own scripts: when the button is first usable, LCP, the click and the call screen.
function probe({ autoClick }) {
  const t = (window.__bench = { usable: null, lcp: null, click: null, call: null, live: null });
  // The first screen's LCP: what the button's press brings (the call screen) is not the first screen.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (t.click === null || entry.startTime <= t.click) t.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const check = () => {
    if (t.usable === null) {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start session' && !b.disabled);
      if (button) {
        t.usable = performance.now();
        // Pressed once it has been painted (a paint entry after it, or 300 ms), as soon as a person could.
        if (autoClick) {
          const press = () => {
            if (!(t.lcp !== null && t.lcp >= t.usable) && performance.now() - t.usable < 300) return void setTimeout(press, 10);
            t.click = performance.now();
            button.click();
          };
          press();
        }
      }
    }
    if (t.call === null && [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Your reflection session'))
      t.call = performance.now();
    // The call itself, past its reservation: its End session button.
    if (t.live === null && [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'End session'))
      t.live = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}

/** One visit: navigate, wait for the button (and the call screen when clicking), read the figures. */
async function visit(page, url, { autoClick, cdp, waitDb }) {
  await page.addInitScript(probe, { autoClick });
  const scripts = new Map(); // requestId -> { url, sentAt, bytes }
  const onSent = (e) => e.type === 'Script' && scripts.set(e.requestId, { url: e.request.url, sentAt: e.timestamp, bytes: 0 });
  const onDone = (e) => scripts.has(e.requestId) && (scripts.get(e.requestId).bytes = e.encodedDataLength);
  const workers = new Set();
  const onWorker = (worker) => workers.add(worker.url());
  page.on('worker', onWorker);
  let navStart = 0;
  const onNav = (e) => !navStart && (navStart = e.timestamp);
  cdp.on('Network.requestWillBeSent', onNav);
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.loadingFinished', onDone);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.usable !== null, null, { timeout: 120_000, polling: 50 });
  if (autoClick) await page.waitForFunction(() => window.__bench.live !== null, null, { timeout: 120_000, polling: 50 });
  if (waitDb)
    await page.waitForFunction(() => performance.getEntriesByName('awaknow:db-ready').length > 0, null, { timeout: 120_000, polling: 50 });
  await page.waitForTimeout(200); // the last LCP candidate and loadingFinished events
  const figures = await page.evaluate(() => ({
    ...window.__bench,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    db: performance.getEntriesByName('awaknow:db-ready')[0]?.startTime ?? null,
  }));
  cdp.off('Network.requestWillBeSent', onNav);
  cdp.off('Network.requestWillBeSent', onSent);
  cdp.off('Network.loadingFinished', onDone);
  page.off('worker', onWorker);
  // Scripts the page asked for before the button was usable (CDP seconds -> ms since the navigation).
  // A worker's own script counts as the worker's, not the page's.
  const before = [...scripts.values()].filter((s) => !workers.has(s.url) && (s.sentAt - navStart) * 1000 <= figures.usable);
  figures.jsKb = before.reduce((sum, s) => sum + s.bytes, 0) / 1024;
  figures.jsFiles = before.map((s) => `${s.url.split('/').pop()} ${(s.bytes / 1024).toFixed(1)}`);
  figures.clickToCall = figures.call !== null && figures.click !== null ? figures.call - figures.click : null;
  figures.clickToLive = figures.live !== null && figures.click !== null ? figures.live - figures.click : null;
  return figures;
}

async function freshContext(browser, network) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  return { context, page, cdp };
}

/** One round for one build: a first visit that clicks, and a first visit followed by a return visit that clicks. */
async function round(browser, target) {
  const isApp = target.kind !== 'floor';
  const a = await freshContext(browser);
  const first = await visit(a.page, target.url, { autoClick: isApp, cdp: a.cdp, waitDb: false });
  await a.context.close();
  const b = await freshContext(browser);
  const settle = await visit(b.page, target.url, { autoClick: false, cdp: b.cdp, waitDb: isApp && target.dbMark });
  if (isApp && !target.dbMark) await b.page.waitForTimeout(1_000); // the database's first write out (no mark to wait on)
  await b.page.goto('about:blank');
  const again = await visit(b.page, target.url, { autoClick: isApp, cdp: b.cdp, waitDb: isApp && target.dbMark });
  await b.context.close();
  return { first: { ...first, db: first.db ?? settle.db }, again };
}

let servers = [];
let failed = false;
try {
  const load = sampleLoad();
  console.log(
    `building (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}) ...`,
  );
  const targets = buildTargets(work, APP_ENV);
  servers = await serveTargets(targets, PORT);
  for (const target of targets) {
    target.dbMark = target.kind !== 'floor' && hasDbMark(target.dist);
    target.rounds = [];
  }

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  try {
    for (let r = 0; r < ROUNDS; r += 1) {
      // Interleaved, and the order turned each round, so a burst of load falls on every build alike.
      const order = r % 2 ? [...targets].reverse() : targets;
      for (const target of order) target.rounds.push(await round(browser, target));
      process.stdout.write(`round ${r + 1}/${ROUNDS} done\n`);
    }
    for (const target of targets) {
      const c = await freshContext(browser, SLOW);
      target.slow = await visit(c.page, target.url, { autoClick: false, cdp: c.cdp, waitDb: target.dbMark });
      await c.context.close();
    }
  } finally {
    await browser.close();
  }
  load.stop();

  const rows = [
    ['first contentful paint, first visit', (x) => x.first.fcp],
    ['largest contentful paint, first visit', (x) => x.first.lcp],
    ['"Start session" usable, first visit', (x) => x.first.usable],
    ['first contentful paint, return visit', (x) => x.again.fcp],
    ['"Start session" usable, return visit', (x) => x.again.usable],
    ['click to call screen, first visit', (x) => x.first.clickToCall],
    ['click to call screen, return visit', (x) => x.again.clickToCall],
    ['click to the call itself (End session), first visit', (x) => x.first.clickToLive],
    ['click to the call itself (End session), return visit', (x) => x.again.clickToLive],
    ['database ready, first visit', (x) => x.first.db],
    ['database ready, return visit', (x) => x.again.db],
    ['first-page main-thread JS, gzip kB', (x) => x.first.jsKb],
  ];
  const floor = targets[0];
  const med = (target, pick) => median(target.rounds.map(pick));
  console.log(
    `\n${ROUNDS} interleaved rounds, medians in ms (ratio to the floor); load average during the run: ${load.range()} on ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`,
  );
  console.log(`| | ${targets.map((t) => t.name).join(' | ')} |`);
  console.log(`| --- |${targets.map(() => ' --- |').join('')}`);
  for (const [label, pick] of rows)
    console.log(`| ${label} | ${targets.map((t) => cell(t, floor, pick, label.includes('kB'))).join(' | ')} |`);
  const ms = (value) => (value === null ? '-' : Math.round(value).toLocaleString('en'));
  const slow = (t) => `${ms(t.slow.fcp)} / ${ms(t.slow.usable)} / ${ms(t.slow.db)}`;
  console.log(`| 10 Mbit/s, 40 ms RTT, first visit: FCP / usable / database ready | ${targets.map(slow).join(' | ')} |`);

  const app = targets[1];
  console.log(`\nfirst page's scripts (${app.name}, last round, kB gzip): ${app.rounds.at(-1).first.jsFiles.join(', ')}`);
  const gap = (later, earlier) => (x) => (later(x) === null || earlier(x) === null ? null : later(x) - earlier(x));
  const checks = [
    [
      '"Start session" usable - FCP, first visit',
      med(
        app,
        gap(
          (x) => x.first.usable,
          (x) => x.first.fcp,
        ),
      ),
      BUDGET.usableAfterFcp,
    ],
    [
      '"Start session" usable - FCP, return visit',
      med(
        app,
        gap(
          (x) => x.again.usable,
          (x) => x.again.fcp,
        ),
      ),
      BUDGET.usableAfterFcp,
    ],
    [
      'LCP - FCP, first visit',
      med(
        app,
        gap(
          (x) => x.first.lcp,
          (x) => x.first.fcp,
        ),
      ),
      BUDGET.lcpAfterFcp,
    ],
    ['click to call screen, first visit', med(app, (x) => x.first.clickToCall), BUDGET.clickToCallFirst],
    ['click to call screen, return visit', med(app, (x) => x.again.clickToCall), BUDGET.clickToCallReturn],
    ['database ready, first visit', med(app, (x) => x.first.db), BUDGET.dbFirst],
    ['database ready, return visit', med(app, (x) => x.again.db), BUDGET.dbReturn],
    ['first-page main-thread JS (kB gzip)', med(app, (x) => x.first.jsKb), BUDGET.firstPageJsKb],
  ];
  failed = printChecks(checks);
} finally {
  for (const server of servers) await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
