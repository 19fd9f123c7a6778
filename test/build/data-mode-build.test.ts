import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What a production build ships for each data mode: the embedded database (its worker, PGlite's
// WebAssembly and file bundle, the prebuilt data directory) in local data mode only. What is not
// in a build cannot be loaded by its pages.

const SUPABASE = { VITE_SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co', VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-build' };
const LOCAL = { VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' };

function assetsOf(env: Record<string, string>): string[] {
  const outDir = mkdtempSync(join(tmpdir(), 'awaknow-data-mode-'));
  try {
    const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      env: { ...process.env, VITE_TAVUS_MODE: 'mock', VITE_TAVUS_API_KEY: '', ...env },
      encoding: 'utf8',
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    return readdirSync(join(outDir, 'assets'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const embedded = (assets: string[]) => ({
  worker: assets.filter((name) => name.startsWith('pglite.worker-')).length,
  wasm: assets.filter((name) => name.endsWith('.wasm')).length,
  fileBundle: assets.filter((name) => name.startsWith('pglite-') && name.endsWith('.data')).length,
  dataDirectory: assets.filter((name) => name.startsWith('awaknow-db-') && name.endsWith('.tgz')).length,
});

describe('the embedded database in a production build', () => {
  it('is shipped in local data mode: its worker, PGlite and the prebuilt data directory', () => {
    const shipped = embedded(assetsOf(LOCAL));
    expect(shipped.worker).toBe(1);
    expect(shipped.wasm).toBeGreaterThan(0);
    expect(shipped.fileBundle).toBe(1);
    expect(shipped.dataDirectory).toBe(1);
  }, 180_000);

  it('is not in a supabase build: no worker, no PGlite files, no data directory', () => {
    expect(embedded(assetsOf(SUPABASE))).toEqual({ worker: 0, wasm: 0, fileBundle: 0, dataDirectory: 0 });
  }, 180_000);
});
