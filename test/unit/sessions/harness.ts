import { PGlite } from '@electric-sql/pglite';
import { createEmbeddedDb, type EmbeddedDb } from '@/lib/db';
import { createTavusClient, type TavusClient } from '@/lib/tavus';
import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';
import type { AppConfig } from '@/config';
import { loadViteSchema } from '@/lib/db/embedded/vite-schema';

export const tavusConfig = (extra: Partial<AppConfig['tavus']> = {}): Pick<AppConfig, 'tavus'> => ({
  tavus: {
    mode: 'direct',
    apiKey: 'test-key-123',
    personaId: 'p7e13c73f41f',
    replicaId: 'r4317e64d25a',
    baseUrl: 'https://tavusapi.com',
    ...extra,
  },
});

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  keepalive: boolean;
}

/** The simulator behind a fetch that records what was sent, and can be told to misbehave. */
export function recordedTavus() {
  const simulator: TavusSimulator = createTavusSimulator();
  const seen: SeenRequest[] = [];
  let intercept: ((request: SeenRequest, forward: () => Promise<Response>) => Promise<Response>) | undefined;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    const entry: SeenRequest = {
      method: request.method,
      path: new URL(request.url).pathname,
      body: text ? JSON.parse(text) : undefined,
      keepalive: init?.keepalive === true,
    };
    seen.push(entry);
    const forward = () => simulator.fetch(input, init);
    return intercept ? intercept(entry, forward) : forward();
  }) as typeof globalThis.fetch;
  const client: TavusClient = createTavusClient({
    baseUrl: 'https://tavusapi.com',
    apiKey: 'test-key-123',
    fetch,
    sleep: async () => undefined,
  });
  return {
    simulator,
    client,
    seen,
    /** Run `handler` instead of the plain simulator for the next requests (until set again). */
    intercept(handler: typeof intercept) {
      intercept = handler;
    },
    async activeConversations() {
      return (await client.conversations.list({ status: 'active' })).data;
    },
  };
}

/**
 * One PGlite for the whole file (it takes seconds and hundreds of MB); `reset()` empties the local
 * user's sessions and usage and puts them on `plan` between tests.
 */
export function embeddedDbForFile() {
  let pg: PGlite | undefined;
  let db: EmbeddedDb | undefined;
  beforeAll(async () => {
    pg = new PGlite();
    db = createEmbeddedDb({ pglite: pg, loadSchema: loadViteSchema });
    await db.userId();
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await pg?.close();
  });
  const owner = () => {
    if (!pg) throw new Error('the database is not open yet');
    return pg;
  };
  return {
    db: () => db!,
    owner,
    async reset(plan: 'free' | 'growth' | 'pro' = 'growth') {
      await owner().exec(`delete from public.tavus_usage; delete from public.sessions; delete from public.user_settings;`);
      await owner().query(
        `update public.user_subscriptions s set plan_id = $1, tavus_seconds_used = 0, tavus_minutes_limit = p.monthly_minutes, status = 'active'
           from public.plans p where p.id = $1`,
        [plan],
      );
    },
    async setSecondsUsed(seconds: number) {
      await owner().query('update public.user_subscriptions set tavus_seconds_used = $1', [seconds]);
    },
    async subscription() {
      return (await owner().query<{ tavus_seconds_used: number; tavus_minutes_limit: number }>('select * from public.user_subscriptions'))
        .rows[0]!;
    },
    async usageRows() {
      return (await owner().query<{ session_id: string; seconds_used: number }>('select * from public.tavus_usage')).rows;
    },
  };
}
