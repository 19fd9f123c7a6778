// What the two database benches share: a real PostgreSQL server with the migrations, and how a
// series of timings is summed up.
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { applySchema, findPostgresBin, startPostgres } from '../test/db/pg-server.mjs';

/** Mean, median and 95th percentile of `times` (milliseconds). */
export function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return { mean, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}

/**
 * Runs `bench(client, began)` on a new migrated server and exits: 0 when it returns true, 1 when it
 * returns false or throws; skipped (0) without the PostgreSQL binaries.
 */
export async function runOnMigratedServer(bench) {
  const bin = findPostgresBin();
  if (!bin) {
    console.log('SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PG_BIN).');
    process.exit(0);
  }
  const server = await startPostgres({ bin });
  const client = new pg.Client({ connectionString: server.connectionString });
  let exitCode = 0;
  try {
    const began = performance.now();
    await client.connect();
    await applySchema(client);
    if (!(await bench(client, began))) exitCode = 1;
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await client.end().catch(() => {});
    await server.stop();
  }
  process.exit(exitCode);
}
