#!/usr/bin/env node
// The session journey's round trips, against their budgets: sequential round trips from "Start
// session" to the conversation URL, with a simulated 100 ms round trip: direct mode (database
// reserve, Tavus create, database attach) and proxy mode (one request to the tavus function, which
// runs the sequence next to the database). The first screen's figures are bench-first-visit.mjs's.
// Prints the figures and exits non-zero when one is over budget.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const ROUND_TRIP_MS = 100;
const BUDGET = { directRoundTrips: 3, proxyRoundTrips: 1 };
const RUNS = 3;

const results = [];
function report(name, value, unit, budget, ok, note = '') {
  results.push({ name, value, unit, budget, ok });
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${name}: ${value}${unit} (budget ${budget}${unit})${note ? `  ${note}` : ''}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** When each simulated request was in flight: [start, end] in ms. */
const flights = [];

/** Runs `work` as one request over the network: `latency` ms of round trip around it, recorded. */
async function inFlight(latency, work) {
  const start = performance.now();
  await sleep(latency / 2);
  try {
    return await work();
  } finally {
    await sleep(latency / 2);
    flights.push([start, performance.now()]);
  }
}

/**
 * Round trips that had to wait for each other: the longest chain of requests each starting after
 * the previous one ended (requests sent together count once).
 */
function sequentialRoundTrips(intervals) {
  let count = 0;
  let lastEnd = -Infinity;
  for (const [start, end] of [...intervals].sort((a, b) => a[1] - b[1])) {
    if (start >= lastEnd) {
      count += 1;
      lastEnd = end;
    }
  }
  return count;
}

/** Every call of `target`'s async methods costs one round trip of `latency()` ms, half each way. */
function overNetwork(target, latency) {
  return new Proxy(target, {
    get(object, key) {
      const value = object[key];
      if (typeof value !== 'function') return value;
      return (...args) => inFlight(latency(), () => value.apply(object, args));
    },
  });
}

async function roundTrips() {
  const { createServer } = await import('vite');
  const vite = await createServer({
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    logLevel: 'error',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const load = (path) => vite.ssrLoadModule(path);
    const [
      { createClientSessions },
      { createProxySessions },
      { createEmbeddedDb },
      { loadViteSchema },
      { createTavusClient },
      { createTavusSimulator },
    ] = await Promise.all([
      load('/src/lib/sessions/client.ts'),
      load('/src/lib/sessions/proxy.ts'),
      load('/src/lib/db/index.ts'),
      load('/src/lib/db/embedded/vite-schema.ts'),
      load('/src/lib/tavus/index.ts'),
      load('/src/lib/tavus/simulator/index.ts'),
    ]);
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite();
    const db = createEmbeddedDb({ pglite: pg, loadSchema: loadViteSchema });
    await db.userId();
    // Many starts in a row: a plan without a daily limit.
    await pg.exec(`update public.user_subscriptions set plan_id = 'pro', tavus_minutes_limit = 100000, tavus_seconds_used = 0`);

    let latency = 0;
    const config = {
      tavus: { mode: 'direct', apiKey: 'bench-key', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
    };
    const simulator = createTavusSimulator({ maxConcurrentConversations: 1000 });
    const slowFetch = (input, init) => inFlight(latency, () => simulator.fetch(input, init));
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'bench-key', fetch: slowFetch });
    const browserDb = overNetwork(db, () => latency);
    const direct = createClientSessions({ db: browserDb, tavus, config });

    // Proxy mode: the browser's one request; behind it the server runs the same sequence, next to
    // its database (no browser round trip), which the figure leaves out by design.
    const serverSide = createClientSessions({
      db,
      tavus: createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'bench-key', fetch: simulator.fetch }),
      config,
    });
    const proxyFetch = (url, init) =>
      inFlight(latency, async () => {
        const { session_type } = JSON.parse(String(init.body));
        const started = await serverSide.start({ sessionType: session_type });
        return Response.json({ session: started.session, conversation_url: started.conversationUrl });
      });
    const proxy = createProxySessions({
      functionsUrl: 'https://bench.supabase.co/functions/v1',
      getAccessToken: async () => 'bench-jwt',
      fetch: proxyFetch,
    });

    /** One start from the button to the conversation URL: its requests, and how long it took. */
    async function timeStart(gateway) {
      flights.length = 0;
      const t0 = performance.now();
      const started = await gateway.start({ sessionType: 'reflect_alone' });
      const elapsed = performance.now() - t0;
      if (!started.conversationUrl) throw new Error('no conversation URL');
      const requests = flights.length;
      const sequential = sequentialRoundTrips(flights);
      const saved = latency;
      latency = 0;
      await serverSide.end(started.session.id, 'user_ended');
      latency = saved;
      return { elapsed, requests, sequential };
    }

    async function measure(gateway) {
      latency = ROUND_TRIP_MS;
      const runs = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await timeStart(gateway));
      return {
        sequential: Math.max(...runs.map((r) => r.sequential)),
        requests: runs[0].requests,
        ms: Math.round(median(runs.map((r) => r.elapsed))),
      };
    }

    const d = await measure(direct);
    report(
      'direct mode: sequential round trips to the conversation URL',
      d.sequential,
      '',
      BUDGET.directRoundTrips,
      d.sequential <= BUDGET.directRoundTrips,
      `(${d.requests} requests, ${d.ms} ms at ${ROUND_TRIP_MS} ms per round trip)`,
    );
    const p = await measure(proxy);
    report(
      'proxy mode: sequential round trips to the conversation URL',
      p.sequential,
      '',
      BUDGET.proxyRoundTrips,
      p.sequential <= BUDGET.proxyRoundTrips,
      `(${p.requests} request, ${p.ms} ms at ${ROUND_TRIP_MS} ms per round trip)`,
    );

    await db.close();
    await pg.close();
  } finally {
    await vite.close();
  }
}

await roundTrips();
process.exit(results.every((r) => r.ok) ? 0 : 1);
