import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import type { Tab } from './multi-tab/tab';

/**
 * The tabs of one browser share the embedded database through the leader of the multi-tab worker
 * (src/lib/db/embedded/tab-leader.ts): the real PGlite, Web Locks and BroadcastChannel of Chromium,
 * each tab a page of test/db/multi-tab/. A tab may close (or reload) at any moment, also while its
 * calls wait for the database or while it is inside a transaction: the other tabs go on.
 */

declare global {
  interface Window {
    tab: Tab;
    pending?: Promise<unknown>;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: ViteDevServer;
let browser: Browser;
let cacheDir: string;
let url: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'awaknow-multi-tab-'));
  server = await createServer({
    configFile: false,
    root: join(root, 'test/db/multi-tab'),
    cacheDir,
    logLevel: 'error',
    resolve: { alias: { '@': join(root, 'src') } },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    worker: { format: 'es' },
    server: { host: '127.0.0.1', port: 0, fs: { allow: [root] } },
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

// Each tab starts PGlite in Chromium: slow on a busy machine, and a statement that never answers takes 15 s to say so.
vi.setConfig({ testTimeout: 90_000 });

let context: BrowserContext;
beforeEach(async () => {
  context = await browser.newContext(); // its own locks and channels: a browser of its own
});
afterEach(async () => {
  await context.close();
});

/** Once the tab's database is connected to the leader. */
async function connected(page: Page): Promise<Page> {
  await page.waitForFunction(() => 'tab' in window);
  await page.evaluate(() => window.tab.db.waitReady);
  return page;
}

async function openTab(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return connected(page);
}

/** The tab's query, or 'no answer' when the database has not answered it within 15 s. */
function answerOf(page: Page, sql: string): Promise<unknown> {
  return page.evaluate(
    (sql) =>
      Promise.race([
        window.tab.db.query(sql).then((result) => result.rows),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 15_000)),
      ]),
    sql,
  );
}

/** Waits until `count` more calls (of any tab) wait for the leader's transaction lock. */
async function untilAsked(leader: Page, before: number, count: number): Promise<void> {
  await leader.waitForFunction(([before, count]) => window.tab.asked() >= before + count, [before, count] as const);
}

for (const leaving of ['closes', 'reloads'] as const) {
  test(`a tab that ${leaving} while its calls wait for the database leaves the database answering every tab`, async () => {
    const leader = await openTab(); // the first tab runs the database
    const other = await openTab();
    await leader.evaluate(() => window.tab.hold());
    const before = await leader.evaluate(() => window.tab.asked());
    // two reads side by side, as a page makes them: both wait for the leader's transaction
    await other.evaluate(() => {
      void window.tab.db.query('select 1');
      void window.tab.db.query('select 2');
    });
    await untilAsked(leader, before, 2);
    if (leaving === 'closes') await other.close();
    else await other.reload();
    await leader.evaluate(() => window.tab.letGo());

    expect(await answerOf(leader, 'select 42 as answer')).toEqual([{ answer: 42 }]);
    // the next tab: a new one, or the same one reloaded
    const next = leaving === 'closes' ? await openTab() : await connected(other);
    expect(await answerOf(next, 'select 43 as answer')).toEqual([{ answer: 43 }]);
  });
}

test('a tab closed inside its transaction leaves nothing of it, and the statement waiting meanwhile is kept', async () => {
  const leader = await openTab();
  await leader.evaluate(() => window.tab.db.exec('create table notes (n integer)'));
  const other = await openTab();
  await other.evaluate(() => window.tab.hold('insert into notes values (1)'));
  const before = await leader.evaluate(() => window.tab.asked());
  await leader.evaluate(() => {
    window.pending = window.tab.db.query('insert into notes values (2)');
  });
  await untilAsked(leader, before, 1);
  await other.close();

  await leader.evaluate(() => window.pending);
  expect(await answerOf(leader, 'select n from notes order by n')).toEqual([{ n: 2 }]);
});
