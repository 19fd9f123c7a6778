import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setupTestDb, type SessionRow } from '../db/harness';
import { SUPABASE_URL } from './support/fake-supabase';
import { APP_ORIGIN, body, createWorld, serverEnv, serverOwned, type World } from './support/world';

/**
 * Both functions run by the real Deno from their index.ts and deno.json (npm: packages, the app's
 * Tavus client imported from src/), exactly as deployed. Their Supabase and Tavus are this test's
 * stand-ins, served over HTTP: the PostgREST/GoTrue stand-in on the real migrations and the Tavus
 * simulator. Needs the npm registry the first time (packages are cached in DENO_DIR).
 */

const root = join(import.meta.dirname, '../..');
const denoDir = process.env.DENO_DIR ?? join(tmpdir(), 'awaknow-deno-cache');

const db = setupTestDb();
// a proxy deployment: the database lets only the server write sessions
beforeEach(() => serverOwned(db));
let world: World;
let upstream: Server;
let base = '';
const functions: ChildProcess[] = [];
const urls: Record<string, string> = {};

function serveUpstream(): Promise<string> {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const [prefix, target, send] = url.pathname.startsWith('/sb/')
          ? ['/sb', SUPABASE_URL, world.supabase.fetch]
          : ['/tavus', 'https://tavusapi.com', world.deps.tavusFetch];
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host') headers.set(name, value);
        const payload = chunks.length ? Buffer.concat(chunks) : undefined;
        const response = await send(`${target}${url.pathname.slice(prefix.length)}${url.search}`, {
          method: req.method ?? 'GET',
          headers,
          ...(payload && req.method !== 'GET' ? { body: payload } : {}),
        });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  return new Promise((resolve) =>
    upstream.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`)),
  );
}

/**
 * The child gets a clean environment (the function must run on its own settings alone), except for
 * what reaching the npm registry needs on this machine: certificate bundles and proxies. Deno reads
 * NODE_EXTRA_CA_CERTS and DENO_CERT; without them a cold DENO_DIR cannot download the `npm:` packages
 * where the registry is reached through a private certificate authority.
 */
const NETWORK_TRUST =
  /^(SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|DENO_CERT|DENO_TLS_CA_STORE|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|NPM_CONFIG_REGISTRY|npm_config_registry)$/;

function networkTrust(): Record<string, string> {
  const kept = Object.entries(process.env).filter(
    (entry): entry is [string, string] => NETWORK_TRUST.test(entry[0]) && entry[1] !== undefined,
  );
  const vars: Record<string, string> = Object.fromEntries(kept);
  // Deno's own name for a CA bundle, from the system's when only that is set.
  const bundle = vars.DENO_CERT ?? vars.NODE_EXTRA_CA_CERTS ?? vars.SSL_CERT_FILE;
  return bundle === undefined ? vars : { ...vars, DENO_CERT: bundle };
}

function startFunction(name: string, env: Record<string, string | undefined>): Promise<string> {
  const child = spawn(
    join(root, 'node_modules/.bin/deno'),
    [
      'run',
      '--no-lock',
      '--allow-net',
      '--allow-env',
      '--config',
      `supabase/functions/${name}/deno.json`,
      `supabase/functions/${name}/index.ts`,
    ],
    {
      cwd: root,
      env: {
        ...networkTrust(),
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DENO_DIR: denoDir,
        DENO_NO_UPDATE_CHECK: '1',
        DENO_SERVE_ADDRESS: 'tcp:127.0.0.1:0',
        ...env,
      },
    },
  );
  functions.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (http:\/\/[^\s/]+)/.exec(output);
      if (listening) resolve(listening[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`deno ${name} exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  base = await serveUpstream();
  const env = {
    ...serverEnv(),
    SUPABASE_URL: `${base}/sb`,
    TAVUS_BASE_URL: `${base}/tavus`,
  };
  urls.webhook = `${await startFunction('tavus-webhook', env)}/tavus-webhook`;
  urls.tavus = `${await startFunction('tavus', { ...env, TAVUS_WEBHOOK_URL: urls.webhook })}/tavus`;
}, 180_000);

afterAll(async () => {
  for (const child of functions) child.kill();
  await new Promise((resolve) => upstream?.close(resolve));
});

beforeEach(() => {
  world = createWorld(db);
});

describe('the deployed entry points under Deno', () => {
  it('answer the preflight of the app and refuse a request without a JWT', async () => {
    const preflight = await fetch(`${urls.tavus}/sessions`, { method: 'OPTIONS', headers: { origin: APP_ORIGIN } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const refused = await fetch(`${urls.tavus}/sessions`, { method: 'POST', body: '{"session_type":"reflect_alone"}' });
    expect(refused.status).toBe(401);
  });

  it('run a whole session: start, callbacks from Tavus, end', async () => {
    const { token } = await world.user();
    const started = await fetch(`${urls.tavus}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: APP_ORIGIN },
      body: JSON.stringify({ session_type: 'reflect_alone' }),
    });
    expect(started.status).toBe(200);
    const { session } = await body<{ session: SessionRow }>(started);
    expect(session.status).toBe('active');

    const create = world.tavusRequests.find((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'))!;
    const callbackUrl = (create.body as { callback_url: string }).callback_url;
    expect(callbackUrl.startsWith(urls.webhook!)).toBe(true);
    const transcript = [{ role: 'user', content: 'Hello' }];
    const event = (event_type: string, properties: object) => ({ conversation_id: session.tavus_conversation_id, event_type, properties });
    expect(
      (await fetch(callbackUrl, { method: 'POST', body: JSON.stringify(event('application.transcription_ready', { transcript })) })).status,
    ).toBe(200);
    expect(
      (
        await fetch(callbackUrl, {
          method: 'POST',
          body: JSON.stringify(event('system.shutdown', { shutdown_reason: 'participant_left_timeout reached' })),
        })
      ).status,
    ).toBe(200);
    expect((await fetch(callbackUrl.replace(/token=[0-9a-f]{6}/, 'token=000000'), { method: 'POST', body: '{}' })).status).toBe(401);

    const ended = await fetch(`${urls.tavus}/sessions/${session.id}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ended.status).toBe(200);
    const [row] = await db.asOwner<SessionRow & { transcript: unknown }>('select * from public.sessions where id = $1', [session.id]);
    expect(row).toMatchObject({ status: 'ended', end_reason: 'participant_left_timeout reached', transcript });
  });
});
