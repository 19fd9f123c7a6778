/**
 * The browser database's files as PGlite keeps them in IndexedDB, read in one go as the worker
 * starts, while PGlite's own files download and compile. PGlite's store is Emscripten's IDBFS: one
 * IndexedDB database named after the mount point (`/pglite/<name>`), object store FILE_DATA, one
 * entry per file or directory keyed by its path, `{ timestamp, mode, contents? }`. IDBFS itself
 * reads it only once PGlite's module has started, with one request per entry (some 400 on a return
 * visit, ~100 ms on the path to the first answer); here it is two requests, off the path.
 * The format is Emscripten's (src/lib/libidbfs.js, MIT licence; the one PGlite 0.5.16 is built with).
 */

/** One stored file, directory or link, as IDBFS stores it. */
export interface StoredEntry {
  timestamp: Date;
  mode: number;
  contents?: Uint8Array;
  link?: string;
}

/** What the store holds: each entry by its path, or `empty` (no data directory), or `unknown` (cannot tell). */
export type StoredFiles = { kind: 'files'; entries: Map<string, StoredEntry> } | { kind: 'empty' } | { kind: 'unknown' };

const STORE = 'FILE_DATA';

/** Where PGlite mounts an `idb://<name>` data directory; also the name of its IndexedDB database. */
export function mountPoint(dataDir: string): string {
  return `/pglite/${dataDir.slice('idb://'.length)}`;
}

function request<T>(pending: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result);
    pending.onerror = () => reject(pending.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Reads the store of `dataDir` (`idb://<name>`). A database without PG_VERSION is `empty`: a first
 * visit that ended before its first write leaves the store IDBFS made, with nothing in it. Any
 * failure, or a browser that cannot list its databases, is `unknown`: PGlite then reads the store itself.
 */
export async function readStoredFiles(dataDir: string): Promise<StoredFiles> {
  if (!dataDir.startsWith('idb://') || !indexedDB.databases) return { kind: 'unknown' };
  const name = mountPoint(dataDir);
  try {
    // Opened only if it exists: open() would make an empty database, with no store, under IDBFS's name.
    if (!(await indexedDB.databases()).some((db) => db.name === name)) return { kind: 'empty' };
    const db = await request(indexedDB.open(name));
    try {
      if (!db.objectStoreNames.contains(STORE)) return { kind: 'empty' };
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll() as IDBRequest<StoredEntry[]>)]);
      const entries = new Map<string, StoredEntry>();
      keys.forEach((key, index) => entries.set(String(key), values[index]!));
      return entries.has(`${name}/PG_VERSION`) ? { kind: 'files', entries } : { kind: 'empty' };
    } finally {
      db.close();
    }
  } catch {
    return { kind: 'unknown' };
  }
}

/** The parts of Emscripten's FS that put an entry back (IDBFS's storeLocalEntry does the same). */
export interface EntryFs {
  isDir(mode: number): boolean;
  isLink(mode: number): boolean;
  isFile(mode: number): boolean;
  mkdirTree(path: string, mode?: number): void;
  symlink(target: string, path: string): void;
  writeFile(path: string, data: Uint8Array, options?: { canOwn?: boolean }): void;
  chmod(path: string, mode: number): void;
  utime(path: string, atime: number, mtime: number): void;
}

/**
 * Puts the stored entries into Emscripten's file system as IDBFS's own read does: by path in
 * order (so a directory comes before what it holds), with each entry's mode and time, so IDBFS's
 * next write sees every file as stored and writes only what changes.
 */
export function putStoredFiles(fs: EntryFs, entries: Map<string, StoredEntry>): void {
  for (const path of [...entries.keys()].sort()) {
    const entry = entries.get(path)!;
    if (fs.isDir(entry.mode)) fs.mkdirTree(path, entry.mode);
    else if (fs.isLink(entry.mode) && entry.link !== undefined) fs.symlink(entry.link, path);
    else if (fs.isFile(entry.mode) && entry.contents) fs.writeFile(path, entry.contents, { canOwn: true });
    else throw new Error(`The stored database holds an entry it cannot restore: ${path}`);
    const time = entry.timestamp.getTime();
    fs.chmod(path, entry.mode);
    fs.utime(path, time, time);
  }
}
