import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, createServer, preview, resolveConfig, type InlineConfig } from 'vite';
import { BUILD_NOTICE, localDataServer } from '@/lib/db/remote/vite-plugin';
import { ACCOUNT_HEADER, LOCAL_DB_PATH } from '@/lib/db/remote/protocol';

// The Vite plugin of VITE_LOCAL_DATA=dev-server, in the servers it is for: `vite` (createServer)
// and `vite preview` (preview), each started in-process as the npm scripts start them, with the
// database made from the app's own schema files the way the build loads them.

const root = process.cwd();
const outDir = mkdtempSync(join(tmpdir(), 'awaknow-preview-'));
writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>AwakNow</title>');
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const key = 'ab'.repeat(32);
const base: InlineConfig = { configFile: false, root, logLevel: 'error', build: { outDir } };

async function ask(address: string, origin: string) {
  const response = await fetch(`${address}${LOCAL_DB_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [ACCOUNT_HEADER]: key, Origin: origin },
    body: JSON.stringify({ method: 'usage', args: [] }),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

type Started = { address: string; close(): Promise<void> };

const servers: Record<string, (enabled: boolean) => Promise<Started>> = {
  'vite (dev)': async (enabled) => {
    const server = await createServer({
      ...base,
      plugins: [localDataServer({ enabled })],
      server: { port: 0, host: '127.0.0.1', hmr: false, ws: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    const { port } = server.httpServer!.address() as AddressInfo;
    return { address: `http://127.0.0.1:${port}`, close: () => server.close() };
  },
  'vite preview': async (enabled) => {
    const server = await preview({ ...base, plugins: [localDataServer({ enabled })], preview: { port: 0, host: '127.0.0.1' } });
    const { port } = server.httpServer.address() as AddressInfo;
    return { address: `http://127.0.0.1:${port}`, close: () => server.close() };
  },
};

describe.each(Object.keys(servers))('the shared local database in %s', (name) => {
  it('answers this server’s own pages as a local account, and refuses another site’s', async () => {
    const server = await servers[name]!(true);
    try {
      const own = await ask(server.address, server.address);
      expect(own.status, own.body).toBe(200);
      expect(JSON.parse(own.body)).toMatchObject({ result: { plan: { id: 'free' }, secondsUsed: 0 } });
      const foreign = await ask(server.address, 'https://evil.example');
      expect(foreign.status).toBe(403);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('is not there without the setting: the path is the app’s, never the database', async () => {
    const server = await servers[name]!(false);
    try {
      const answer = await ask(server.address, server.address);
      expect(answer.type).not.toMatch(/json/);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('a build with the shared local database', () => {
  // Allowed, since `vite preview` serves it with the database; the build says so (and the app, on a
  // static host, says so on its first read: unit/db/local-db-server.test.ts).
  it('says where it can run, and a build without the setting says nothing of it', async () => {
    const warnings = async (enabled: boolean) => {
      const logger = createLogger('silent');
      const said: string[] = [];
      logger.warn = (message) => void said.push(message);
      await resolveConfig({ ...base, plugins: [localDataServer({ enabled })], customLogger: logger }, 'build');
      return said;
    };
    expect(await warnings(true)).toEqual([BUILD_NOTICE]);
    expect(BUILD_NOTICE).toContain('npm run preview');
    expect(await warnings(false)).toEqual([]);
  });
});
