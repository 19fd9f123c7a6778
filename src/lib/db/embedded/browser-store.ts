import { IdbFs } from '@electric-sql/pglite';
import { putStoredFiles, type EntryFs, type StoredFiles } from './stored-files';

/**
 * PGlite's IndexedDB store (`idb://<name>`) for the browser's database, with two changes:
 * - The files read as the worker started (stored-files.ts) go straight into memory instead of being
 *   read again, one request per file, once PGlite's module is up.
 * - PGlite writes nothing while it opens. It writes the whole data directory out after its own first
 *   query, before it answers anyone (on a first visit the 9 MB the prebuilt tar holds: ~300 ms; on
 *   a return visit ~100 ms to compare what changed). Writes start with `open()`; from then on
 *   flushAtCommit decides when they happen.
 */
export class BrowserStore extends IdbFs {
  #writes = false;
  readonly #stored: StoredFiles;

  constructor(dataDir: string, stored: StoredFiles) {
    super(dataDir.slice('idb://'.length));
    this.#stored = stored;
  }

  override async initialSyncFs(): Promise<void> {
    if (this.#stored.kind === 'unknown') return super.initialSyncFs();
    if (this.#stored.kind === 'files') putStoredFiles((this.pg as unknown as { Module: { FS: EntryFs } }).Module.FS, this.#stored.entries);
  }

  override syncToFs(relaxedDurability?: boolean): Promise<void> {
    return this.#writes ? super.syncToFs(relaxedDurability) : Promise.resolve();
  }

  /** The database is open: from now on a write reaches IndexedDB. */
  open(): void {
    this.#writes = true;
  }
}
