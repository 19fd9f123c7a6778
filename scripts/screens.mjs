// `npm run screens`: screenshots of every page at 360 px and 1280 px, light and dark, into
// docs/screens/. Builds the app (mock mode, embedded database), serves it with `vite preview` as the
// production preview, and walks the journey in Debian's Chromium (CHROMIUM_PATH) with a fake
// camera: start page, call, leave dialog, summary, history, usage, each studio section, an unknown
// address. Each width and scheme is a fresh profile, so each walk starts as a first visit.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/* global document -- the waits run in the page */

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}docs/screens`;
const port = Number(process.env.SCREENS_PORT ?? process.env.E2E_PORT ?? 4190);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, VITE_TAVUS_API_KEY: '', VITE_TAVUS_MODE: 'mock', VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' };
const WIDTHS = [360, 1280];
const SCHEMES = ['light', 'dark'];
const STUDIO = ['personas', 'objectives', 'guardrails', 'replicas', 'documents', 'conversations'];

async function waitForServer(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the preview did not answer at ${url}`);
}

/** Waits until nothing on the page is busy, then photographs the whole page. */
async function shot(page, name, width, scheme, fullPage = true) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 30_000 }).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
  const path = `${out}/${name}-${width}-${scheme}.png`;
  await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
  console.log(path.slice(root.length));
}

async function walk(browser, width, scheme) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 780 : 860 },
    colorScheme: scheme,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${base}/`);
  const start = page.getByRole('button', { name: 'Start session' });
  await start.waitFor();
  await page.waitForFunction(() => !document.querySelector('.home__plan[aria-busy="true"]'), null, { timeout: 60_000 });
  await shot(page, 'home', width, scheme);

  await start.click();
  await page.getByRole('heading', { name: 'Your reflection session' }).waitFor();
  await page.getByRole('log', { name: 'Conversation so far' }).getByText('Replica:').first().waitFor({ timeout: 20_000 });
  await shot(page, 'call', width, scheme);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await page.getByRole('alertdialog', { name: 'Leave the session?' }).waitFor();
  await shot(page, 'call-leave-dialog', width, scheme, false); // the backdrop covers the window
  await page.getByRole('button', { name: 'Stay in the session' }).click();
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'End session', exact: true }).click();
  await page.getByRole('heading', { name: 'Session summary' }).waitFor();
  await shot(page, 'summary', width, scheme);

  for (const [name, path] of [
    ['history', '/history'],
    ['usage', '/usage'],
    ...STUDIO.map((s) => [`studio-${s}`, `/studio/${s}`]),
    ['join', '/join'],
    ['not-found', '/no-such-page'],
  ]) {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await shot(page, name, width, scheme);
  }
  await context.close();
}

mkdirSync(out, { recursive: true });
execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, env, stdio: 'inherit' });
const preview = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
  cwd: root,
  env,
  stdio: 'ignore',
  detached: true,
});
try {
  await waitForServer(base);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--hide-scrollbars'],
  });
  try {
    for (const scheme of SCHEMES) for (const width of WIDTHS) await walk(browser, width, scheme);
  } finally {
    await browser.close();
  }
} finally {
  process.kill(-preview.pid); // the preview and the vite process under npx
}
