import type { AppDb } from '../types';
import { createEmbeddedDb } from './embedded-db';
import { loadViteSchema } from './vite-schema';

export const DEFAULT_DATA_DIR = 'idb://awaknow';

export interface BrowserEmbeddedDbOptions {
  /** Where PGlite keeps its files; `idb://<name>` persists in IndexedDB. */
  dataDir?: string;
}

/**
 * The embedded database of local data mode, shared by every tab of the origin through PGlite's
 * multi-tab worker. Import this module lazily: it pulls in PGlite (several MB of WebAssembly).
 */
export function createBrowserEmbeddedDb(options: BrowserEmbeddedDbOptions = {}): AppDb {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  return createEmbeddedDb({
    loadSchema: loadViteSchema,
    async open() {
      const { PGliteWorker } = await import('@electric-sql/pglite/worker');
      const worker = new Worker(new URL('./pglite.worker.ts', import.meta.url), { type: 'module', name: 'awaknow-db' });
      return PGliteWorker.create(worker, { dataDir, id: `awaknow:${dataDir}` });
    },
  });
}
