import { createDatabaseWorker } from './create-worker';

/** Where PGlite keeps the browser's database; `idb://<name>` persists in IndexedDB as `/pglite/<name>`. */
export const DEFAULT_DATA_DIR = 'idb://awaknow';

/** The name the tabs sharing the browser's database know it by (PGlite's multi-tab worker elects a leader per name). */
export const DATABASE_ID = `awaknow:${DEFAULT_DATA_DIR}`;

/** Sent by the page once PGlite's worker client listens: the worker starts its handshake then. */
export const CONNECT_MESSAGE = 'awaknow:connect';

let started: Worker | undefined;

/**
 * Creates the database's worker at once, before the page asks anything of the database: the worker
 * fetches and compiles PGlite, and fetches the prebuilt data directory on a first visit, while the
 * page's own code loads and paints. Small on purpose: it is part of the first page's script.
 */
export function startDatabaseWorker(): Worker {
  started ??= createDatabaseWorker();
  return started;
}

/** The worker started early, handed to the one database client that will talk to it. */
export function takeDatabaseWorker(): Worker {
  const worker = startDatabaseWorker();
  started = undefined; // a second database (after close) gets a worker of its own
  return worker;
}
