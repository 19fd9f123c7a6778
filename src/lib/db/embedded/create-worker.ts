/**
 * The database's worker. Alone in its module: a supabase build replaces this module (see
 * vite-plugin.ts), so it holds no worker, no PGlite and no data directory, and cannot load them.
 */
export function createDatabaseWorker(): Worker {
  return new Worker(new URL('./pglite.worker.ts', import.meta.url), { type: 'module', name: 'awaknow-db' });
}
