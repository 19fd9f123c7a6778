import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * In proxy mode the Tavus key lives only in the edge function's secrets. The operator's shell may
 * hold those secrets while building: none of them may reach the files a visitor downloads.
 */

const SECRETS = {
  TAVUS_API_KEY: 'tvs_server_only_5b1e9c0d7a3f4e2b',
  TAVUS_WEBHOOK_SECRET: 'whsec_server_only_8d2c4a6e0f1b3d5c7e9a',
  SUPABASE_SERVICE_ROLE_KEY: 'service_role_server_only_1f3e5d7c9b0a2c4e',
};
const SUPABASE_URL = 'https://proxyproject.supabase.co';
const ANON_KEY = 'anon_public_key_for_the_bundle_0123456789';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('a production build in proxy mode', () => {
  it('carries no Tavus key and no x-api-key value, only the functions URL and the public anon key', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'awaknow-proxy-build-'));
    try {
      const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
        env: {
          ...process.env,
          ...SECRETS,
          VITE_TAVUS_MODE: 'proxy',
          VITE_SUPABASE_URL: SUPABASE_URL,
          VITE_SUPABASE_ANON_KEY: ANON_KEY,
          VITE_TAVUS_API_KEY: '',
        },
        encoding: 'utf8',
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

      const text = files(outDir)
        .map((path) => readFileSync(path, 'utf8'))
        .join('\n');
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(text.includes(value), `${name} is in the bundle`).toBe(false);
      }
      // the header name exists for direct mode; a value written next to it would be a baked-in key
      expect(text).not.toMatch(/["']x-api-key["']\s*:\s*["'`][^"'`]+["'`]/i);
      // proof that this is the proxy build: it talks to the functions with the public anon key
      expect(text).toContain('/functions/v1');
      expect(text).toContain(SUPABASE_URL);
      expect(text).toContain(ANON_KEY);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 240_000);
});
