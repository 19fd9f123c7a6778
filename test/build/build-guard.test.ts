import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'tk_build_guard_0123456789abcdef';

function build(env: Record<string, string>) {
  const outDir = mkdtempSync(join(tmpdir(), 'awaknow-build-'));
  const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { outDir, status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

function bundleText(outDir: string): string {
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('production build and the Tavus key', () => {
  it('refuses to build with a browser key and points at proxy mode', () => {
    const { outDir, status, output } = build({ VITE_TAVUS_API_KEY: KEY });
    rmSync(outDir, { recursive: true, force: true });
    expect(status).not.toBe(0);
    expect(output).toMatch(/VITE_TAVUS_API_KEY is set for a production build/);
    expect(output).toMatch(/VITE_TAVUS_MODE=proxy/);
  });

  /** Builds with `env`, which must succeed, and returns the bundle's text. */
  function bundleOf(env: Record<string, string>): string {
    const { outDir, status, output } = build(env);
    try {
      expect(status, output).toBe(0);
      return bundleText(outDir);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }

  it('builds in mock mode with no key anywhere in the bundle', () => {
    expect(bundleOf({ VITE_TAVUS_API_KEY: '' })).not.toContain(KEY);
  }, 120_000);

  it('leaves the key out of a mock-mode build even when it is set and allowed', () => {
    expect(bundleOf({ VITE_TAVUS_API_KEY: KEY, VITE_TAVUS_ALLOW_BROWSER_KEY: 'true', VITE_TAVUS_MODE: 'mock' })).not.toContain(KEY);
  }, 120_000);

  it('builds with the key only when the operator opts in', () => {
    expect(bundleOf({ VITE_TAVUS_API_KEY: KEY, VITE_TAVUS_ALLOW_BROWSER_KEY: 'true' })).toContain(KEY);
  }, 120_000);
});
