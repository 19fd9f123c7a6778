import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What a production build ships for each data mode: the embedded database (its worker, PGlite's
// WebAssembly and file bundle, the prebuilt data directory) in local data mode only. What is not
// in a build cannot be loaded by its pages.

const SUPABASE = { VITE_SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co', VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-build' };
const LOCAL = { VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' };

/** The build's assets, and the text of the scripts its index.html names (the first page's own). */
function buildOf(env: Record<string, string>): { assets: string[]; firstPage: string; all: string } {
  const outDir = mkdtempSync(join(tmpdir(), 'awaknow-data-mode-'));
  try {
    const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      env: { ...process.env, VITE_TAVUS_MODE: 'mock', VITE_TAVUS_API_KEY: '', ...env },
      encoding: 'utf8',
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const assets = readdirSync(join(outDir, 'assets'));
    const named = [...readFileSync(join(outDir, 'index.html'), 'utf8').matchAll(/\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const text = (names: string[]) => names.map((name) => readFileSync(join(outDir, 'assets', name), 'utf8')).join('\n');
    return { assets, firstPage: text(named), all: text(assets.filter((name) => name.endsWith('.js'))) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const assetsOf = (env: Record<string, string>) => buildOf(env).assets;

const embedded = (assets: string[]) => ({
  worker: assets.filter((name) => name.startsWith('pglite.worker-')).length,
  wasm: assets.filter((name) => name.endsWith('.wasm')).length,
  fileBundle: assets.filter((name) => name.startsWith('pglite-') && name.endsWith('.data')).length,
  dataDirectory: assets.filter((name) => name.startsWith('awaknow-db-') && name.endsWith('.tgz')).length,
});

describe('the embedded database in a production build', () => {
  it('is shipped in local data mode: its worker, PGlite and the prebuilt data directory', () => {
    const build = buildOf(LOCAL);
    const shipped = embedded(build.assets);
    expect(shipped.worker).toBe(1);
    expect(shipped.wasm).toBeGreaterThan(0);
    expect(shipped.fileBundle).toBe(1);
    expect(shipped.dataDirectory).toBe(1);

    // The first page carries what the start button needs; the error catalogue's and the sign-in's
    // words (loaded when something failed), the persona check (after the first paint), the list of
    // languages (when "More options" is opened) and the notice of an open session are in the build, not in it.
    for (const later of [
      'Sessions on this site are started by its server.',
      'Too many sign-in emails were sent.',
      'awaknow.persona-check',
      'kannada',
      'Only one session can run at a time.',
    ]) {
      expect(build.all).toContain(later);
      expect(build.firstPage).not.toContain(later);
    }
    expect(build.firstPage).toContain('Start session');
  }, 180_000);

  it('is not in a supabase build: no worker, no PGlite files, no data directory', () => {
    expect(embedded(assetsOf(SUPABASE))).toEqual({ worker: 0, wasm: 0, fileBundle: 0, dataDirectory: 0 });
  }, 180_000);
});
