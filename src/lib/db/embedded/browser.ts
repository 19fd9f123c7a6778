import { PGliteWorker } from '@electric-sql/pglite/worker';
import { createEmbeddedDb, type EmbeddedDb } from './embedded-db';
import { CONNECT_MESSAGE, DATABASE_ID, DEFAULT_DATA_DIR, takeDatabaseWorker } from './worker-start';

/** The page's performance timeline gets this mark when the database first answers. */
export const DB_READY_MARK = 'awaknow:db-ready';

export interface BrowserEmbeddedDbOptions {
  /** This tab acts as the local guest (the partner of a session together): see local-account.ts. */
  asGuest?: boolean;
}

/**
 * The embedded database of local data mode, shared by every tab of the origin through PGlite's
 * multi-tab worker, which opens and prepares it (see pglite.worker.ts). Import this module lazily:
 * it pulls in PGlite's worker client (with it, in one step: no second chunk to wait for on open).
 */
export function createBrowserEmbeddedDb(options: BrowserEmbeddedDbOptions = {}): EmbeddedDb {
  return createEmbeddedDb({
    async open() {
      const worker = takeDatabaseWorker();
      // The client listens from its constructor on; only then may the worker say it is there.
      const client = PGliteWorker.create(worker, { dataDir: DEFAULT_DATA_DIR, id: DATABASE_ID });
      worker.postMessage(CONNECT_MESSAGE);
      return client;
    },
    onOpen: () => performance.mark(DB_READY_MARK),
    ...(options.asGuest ? { asGuest: true } : {}),
  });
}
