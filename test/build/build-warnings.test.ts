import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rolldown } from 'vite';
import { run } from '../support/run';
import { PGLITE_WARNINGS, withoutPgliteWarnings } from '@/config/build-warnings';

// eslint-disable-next-line no-control-regex -- the colour codes of a terminal
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

const PGLITE = '/repo/node_modules/@electric-sql/pglite/dist/chunk-XZUEO4BZ.js';

/** What the filter hands on to Vite's printer. */
function passed(log: Rolldown.RolldownLog): Rolldown.RolldownLog[] {
  const out: Rolldown.RolldownLog[] = [];
  withoutPgliteWarnings(
    log,
    (handed) => void out.push(typeof handed === 'function' ? (handed() as Rolldown.RolldownLog) : (handed as Rolldown.RolldownLog)),
  );
  return out;
}

describe("PGlite's build warnings", () => {
  it('drops exactly the explained ones, and hands on the same kinds from anywhere else', () => {
    const externalized = (file: string, module = 'node:module') => ({
      plugin: 'rolldown:vite-resolve',
      message: `Module "${module}" has been externalized for browser compatibility, imported by "${file}". See https://vite.dev/guide/troubleshooting.html`,
    });
    expect(passed(externalized(PGLITE))).toEqual([]);
    expect(passed({ code: 'EVAL', id: PGLITE, message: 'Use of direct `eval`' })).toEqual([]);

    const others: Rolldown.RolldownLog[] = [
      externalized('/repo/src/lib/db/worker.ts'),
      externalized(PGLITE, 'node:fs'), // a new kind from PGlite is news too
      { code: 'EVAL', id: '/repo/node_modules/other/index.js', message: 'Use of direct `eval`' },
      { code: 'EVAL', id: '/repo/src/main.tsx', message: 'Use of direct `eval`' },
      { code: 'CIRCULAR_DEPENDENCY', id: PGLITE, message: 'Circular dependency' },
      { code: 'PLUGIN_TIMINGS', message: 'JavaScript callbacks ran for 3.0s' },
    ];
    for (const log of others) expect(passed(log)).toEqual([log]);
    expect(PGLITE_WARNINGS.map((w) => w.what)).toHaveLength(2);
  });

  it('the build prints no warning but the timing report', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'awaknow-warnings-'));
    // the mock-mode build the README starts with, in its own process as `npm run build` runs it; only warnings and errors printed
    const env = { ...process.env, VITE_TAVUS_API_KEY: '', NODE_ENV: 'production' };
    const { code, output } = await run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { env });
    rmSync(outDir, { recursive: true, force: true });
    expect(code, output).toBe(0);
    // PLUGIN_TIMINGS says how long the build's plugins took on this machine (the embedded database's
    // prebuilt directory, mostly): a report about the build, not the bundle, that comes and goes with the load.
    const timings = /\S*\[PLUGIN_TIMINGS\][\s\S]*?InputOptions\.checks#bundlertimings for more details\.\n?/g;
    expect(stripAnsi(output).replace(timings, '').trim()).toBe('');
  }, 180_000);
});
