import { expect, test, type Route } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator } from '@/lib/tavus/simulator';
import { expectAccessible } from './axe';

/**
 * Direct mode, as a developer runs it with a key in the browser: its own production build and
 * preview. Tavus (https://tavusapi.com) is answered by the simulator through request routing, and
 * Daily's servers, where the call engine comes from, cannot be reached.
 */
const PORT = 4391;
const API_KEY = 'e2e-direct-key-0001';
let dir: string;
let preview: ChildProcess | undefined;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'awaknow-direct-'));
  const env = {
    ...process.env,
    VITE_TAVUS_API_KEY: API_KEY,
    VITE_TAVUS_ALLOW_BROWSER_KEY: 'true',
    VITE_TAVUS_MODE: 'direct',
    VITE_SUPABASE_URL: '',
    VITE_SUPABASE_ANON_KEY: '',
  };
  const build = spawnSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`direct-mode build failed:\n${build.stdout}\n${build.stderr}`);
  preview = spawn('npx', ['vite', 'preview', '--outDir', dir, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    env,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 120; i += 1) {
    const up = await fetch(`http://127.0.0.1:${PORT}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the direct-mode preview did not start');
});

test.afterAll(() => {
  if (preview?.pid) process.kill(-preview.pid);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, x-api-key, accept, authorization',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
};

test('the call engine cannot load: the page says so, and nothing is left running at Tavus', async ({ page }) => {
  const simulator = createTavusSimulator({ apiKey: API_KEY });
  const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: API_KEY, fetch: simulator.fetch });
  const seen: string[] = [];

  await page.route('https://tavusapi.com/**', async (route: Route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
    const body = request.postDataBuffer();
    const answer = await simulator.fetch(request.url(), {
      method: request.method(),
      headers: await request.allHeaders(),
      ...(body && body.length ? { body: new Uint8Array(body) } : {}),
    });
    return route.fulfill({
      status: answer.status,
      headers: { ...Object.fromEntries(answer.headers), ...CORS },
      body: Buffer.from(await answer.arrayBuffer()),
    });
  });
  await page.route(/^https:\/\/([a-z0-9-]+\.)*daily\.co\//, (route) => route.abort('internetdisconnected'));

  await page.goto(`http://127.0.0.1:${PORT}/`);
  const status = page.getByRole('status', { name: 'Tavus status' });
  await expect(status).toContainText('Live');
  await expect(status).toContainText('Reflective Listener');
  await expect(status).toContainText('verified');
  const start = page.getByRole('button', { name: 'Start session' });
  await expect(start).toBeEnabled({ timeout: 30_000 });
  await start.click();

  const alert = page.getByRole('alert').filter({ hasText: 'The video call could not start' });
  await expect(alert).toBeVisible({ timeout: 45_000 });
  await expect(alert).toContainText('its call engine, which the browser downloads from Daily, could not be loaded');
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();
  await expect(page.getByText(/This session has ended: the video call could not be loaded/)).toBeVisible();
  await expectAccessible(page);

  // Tavus: the one conversation made for this session has been ended, by its own id.
  expect((await tavus.conversations.list({ status: 'active' })).data).toEqual([]);
  const ended = (await tavus.conversations.list({ status: 'ended' })).data;
  expect(ended).toHaveLength(1);
  expect(ended[0]!.conversation_name).toMatch(/^awaknow_reflect_alone_[0-9a-f-]{36}$/);
  expect(seen).toContain(`POST /v2/conversations/${ended[0]!.conversation_id}/end`);
  expect(seen.filter((s) => s === 'POST /v2/conversations')).toHaveLength(1);
});
