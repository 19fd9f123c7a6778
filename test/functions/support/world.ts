import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';
import { createTavusDeps, handleTavus, type TavusDeps } from '../../../supabase/functions/tavus/handler.ts';
import { createWebhookDeps, handleTavusWebhook, type WebhookDeps } from '../../../supabase/functions/tavus-webhook/handler.ts';
import { sessionScope, webhookToken, SHARED_SCOPE } from '../../../supabase/functions/_shared/webhook-token.ts';
import type { TestDb } from '../../db/harness';
import { anonKey, createFakeSupabase, serviceRoleKey, SUPABASE_URL, userToken, type FakeSupabase } from './fake-supabase';

/**
 * One test's world: the real migrations on PGlite behind a Supabase stand-in, the Tavus simulator
 * as the upstream, and both handlers wired to them exactly as index.ts wires them to the network.
 */

export const TAVUS_KEY = 'tvs-server-key-4f1c2b9e7a';
export const WEBHOOK_SECRET = 'a3f9c2e1b7d64f08a3f9c2e1b7d64f08a3f9c2e1';
export const APP_ORIGIN = 'https://app.awaknow.test';
export const FUNCTIONS_URL = `${SUPABASE_URL}/functions/v1`;
export const WEBHOOK_URL = `${FUNCTIONS_URL}/tavus-webhook`;

export function serverEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    TAVUS_API_KEY: TAVUS_KEY,
    TAVUS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    APP_ORIGIN,
    SUPABASE_URL,
    SUPABASE_ANON_KEY: anonKey(),
    SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey(),
    ...overrides,
  };
}

export interface TavusRequest {
  method: string;
  url: string;
  body: unknown;
  apiKey: string | null;
}

export interface World {
  db: TestDb;
  supabase: FakeSupabase;
  tavus: TavusSimulator;
  /** Every request that reached the simulator, with its parsed body. */
  tavusRequests: TavusRequest[];
  logs: Array<{ message: string; data?: unknown }>;
  deps: TavusDeps;
  webhookDeps: WebhookDeps;
  /** Calls the `tavus` function as the browser would: `/tavus/...` with an optional token. */
  call(
    path: string,
    init?: { method?: string; token?: string | null; body?: unknown; rawBody?: string; origin?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Calls `tavus-webhook` as Tavus would. */
  callback(query: string, body: unknown): Promise<Response>;
  /** A signed-in user, with an optional app_metadata (e.g. `{ role: 'admin' }`). */
  user(appMetadata?: object): Promise<{ id: string; token: string }>;
}

export function createWorld(db: TestDb, env: Record<string, string | undefined> = serverEnv()): World {
  const supabase = createFakeSupabase(db);
  const tavus = createTavusSimulator({ apiKey: TAVUS_KEY });
  const tavusRequests: TavusRequest[] = [];
  const logs: World['logs'] = [];
  const tavusFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    tavusRequests.push({
      method: request.method,
      url: request.url,
      body: text ? JSON.parse(text) : undefined,
      apiKey: request.headers.get('x-api-key'),
    });
    return tavus.fetch(request);
  };
  const log = (message: string, data?: unknown) => void logs.push({ message, data });
  const noWait = async () => undefined;
  const deps = createTavusDeps(env, { tavusFetch, supabaseFetch: supabase.fetch, log, sleep: noWait });
  const webhookDeps = createWebhookDeps(env, { tavusFetch, supabaseFetch: supabase.fetch, log, sleep: noWait });

  return {
    db,
    supabase,
    tavus,
    tavusRequests,
    logs,
    deps,
    webhookDeps,
    call(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.origin) headers.origin = init.origin;
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const method = init.method ?? (body === undefined ? 'GET' : 'POST');
      return handleTavus(new Request(`${FUNCTIONS_URL}/tavus${path}`, { method, headers, ...(body === undefined ? {} : { body }) }), deps);
    },
    callback(query, body) {
      return handleTavusWebhook(
        new Request(`${WEBHOOK_URL}${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
        webhookDeps,
      );
    },
    async user(appMetadata = {}) {
      const id = await db.createUser();
      if (Object.keys(appMetadata).length) {
        await db.asOwner('update auth.users set raw_app_meta_data = $2 where id = $1', [id, JSON.stringify(appMetadata)]);
      }
      return { id, token: userToken(id, { appMetadata }) };
    },
  };
}

/**
 * Marks the test database as a proxy deployment, the way its owner does after `supabase db push`:
 * only the server may write sessions. Call it in a beforeEach (each test's transaction is undone).
 */
export async function serverOwned(db: TestDb): Promise<void> {
  await db.asOwner(`update private.deployment set session_owner = 'server'`);
}

/** The query string of the callback URL the proxy gives a session's conversation. */
export async function sessionCallbackQuery(sessionId: string, secret = WEBHOOK_SECRET): Promise<string> {
  return `?session=${sessionId}&token=${await webhookToken(secret, sessionScope(sessionId))}`;
}

export async function sharedCallbackQuery(secret = WEBHOOK_SECRET): Promise<string> {
  return `?token=${await webhookToken(secret, SHARED_SCOPE)}`;
}

export async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
