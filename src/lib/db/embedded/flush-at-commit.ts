import type { PGlite } from '@electric-sql/pglite';

// Frontend message types (https://www.postgresql.org/docs/current/protocol-message-formats.html).
const QUERY = 0x51; // 'Q': runs, and ends with ReadyForQuery
const EXECUTE = 0x45; // 'E': runs a bound statement
const FUNCTION_CALL = 0x46; // 'F': runs, and ends with ReadyForQuery
const SYNC = 0x53; // 'S': ends the extended-protocol cycle (commits an implicit transaction)

/** What a buffer of frontend messages does: run statements, and/or end a cycle. Unreadable counts as both. */
export function describeMessages(buffer: Uint8Array): { runs: boolean; ends: boolean } {
  let runs = false;
  let ends = false;
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = 0;
  while (at < buffer.length) {
    const type = buffer[at]!;
    // A startup message has no type byte; a short or bad length means we cannot tell: be safe.
    if (type === 0 || at + 5 > buffer.length) return { runs: true, ends: true };
    const length = view.getInt32(at + 1);
    if (length < 4) return { runs: true, ends: true };
    if (type === QUERY || type === FUNCTION_CALL) {
      runs = true;
      ends = true;
    } else if (type === EXECUTE) runs = true;
    else if (type === SYNC) ends = true;
    at += 1 + length;
  }
  return { runs, ends };
}

type Options = { syncToFs?: boolean } & Record<string, unknown>;

/** The parts of Emscripten's FS that say what changed; PGlite keeps its data directory in it. */
interface EmscriptenFs {
  readdir(path: string): string[];
  lstat(path: string): { mode: number; mtime: Date | number };
  isDir(mode: number): boolean;
}
const PGDATA = '/pglite/data';

/**
 * The newest modification time under the data directory, and how many entries it holds. Emscripten's
 * IndexedDB store decides what to write by these same times, so when nothing is newer than the last
 * write and nothing was added or removed, a write would store nothing: a read-only transaction.
 */
function changes(fs: EmscriptenFs): { newest: number; entries: number } {
  let newest = 0;
  let entries = 0;
  const walk = (path: string) => {
    for (const name of fs.readdir(path)) {
      if (name === '.' || name === '..') continue;
      const child = `${path}/${name}`;
      const stat = fs.lstat(child);
      entries += 1;
      newest = Math.max(newest, Number(stat.mtime));
      if (fs.isDir(stat.mode)) walk(child);
    }
  };
  walk(PGDATA);
  return { newest, entries };
}
type ProtocolMethod = 'execProtocol' | 'execProtocolStream' | 'execProtocolRaw' | 'execProtocolRawStream';
const PROTOCOL_METHODS: ProtocolMethod[] = ['execProtocol', 'execProtocolStream', 'execProtocolRaw', 'execProtocolRawStream'];

/** The next tick of the clock file times are taken from: a file changed before it has an older time. */
function nextMillisecond(): number {
  const now = Date.now();
  let next = now;
  while (next === now) next = Date.now(); // under a millisecond
  return next;
}

/** How long the database stays idle before what was held back is written out (see `release`). */
export const IDLE_WRITE_MS = 150;

export interface CommitWrites {
  /**
   * Ends the hold (`held`): from now on each commit is written out before its caller hears of it, and
   * what changed while held goes out in the background once no statement has run for
   * IDLE_WRITE_MS, or with the next commit, whichever comes first.
   */
  release(): void;
}

export interface FlushAtCommitOptions {
  /** The files were just read from the store: until one changes, there is nothing to write. */
  stored?: boolean;
  /**
   * Write nothing until `release()`: the worker's own start-up statements (the local user, the
   * sweep) need no write before the page's first answer. Lost with the tab, they are made again
   * at the next open.
   */
  held?: boolean;
}

/**
 * Makes `pg` write its files out (to IndexedDB) once per commit instead of after every protocol
 * message. The multi-tab worker runs each message a tab sends (parse, bind, execute, sync: six per
 * query) with PGlite's default, which persists the whole data directory after each one: ~20 writes
 * per transaction, each 15-30 ms. Here a message only marks the database dirty; the write happens
 * when a statement or a transaction has ended outside a transaction block, before the answer goes
 * back, so a commit is on disk when its caller hears of it, as before. A write asked for inside a
 * transaction block (PGlite asks after BEGIN) waits for its COMMIT or ROLLBACK. A transaction that
 * changed no file (a read) writes nothing: the store would have nothing to take. Writes run one
 * after another: a commit made while an earlier write is under way is written after it.
 */
export function flushAtCommit(pg: PGlite, { stored = false, held = false }: FlushAtCommitOptions = {}): CommitWrites {
  const persist = pg.syncToFs.bind(pg);
  const fs = (pg as unknown as { Module?: { FS?: EmscriptenFs } }).Module?.FS;
  let dirty = !stored;
  let holding = held;
  let lastRan = Date.now();
  let writing: Promise<void> = Promise.resolve();
  /**
   * When the data directory was last written out (Date.now()), and how many entries it had. `stored`:
   * it has just been read from the store, so a first read-only transaction writes nothing either
   * (what Postgres touched as it started goes out with the next write: the store's own comparison
   * of times writes every file that differs).
   */
  let written: { at: number; entries: number } | undefined =
    stored && fs ? { at: nextMillisecond(), entries: changes(fs).entries } : undefined;

  /** Whether a file changed since the last write. A change within the same millisecond counts (times are in ms). */
  function changedSinceWritten(): boolean {
    if (!fs || !written) return true;
    const now = changes(fs);
    return now.newest >= written.at || now.entries !== written.entries;
  }

  async function write(): Promise<void> {
    if (!dirty || holding || pg.isInTransaction()) return;
    dirty = false;
    if (!changedSinceWritten()) return;
    const at = Date.now();
    const entries = fs ? changes(fs).entries : 0;
    try {
      await persist();
      written = { at, entries };
    } catch (error) {
      dirty = true;
      throw error;
    }
  }

  /** Runs after the writes already asked for; its caller hears of this one's outcome only. */
  function flush(): Promise<void> {
    const next = writing.then(write);
    writing = next.catch(() => undefined);
    return next;
  }

  /** The held-back write, once nothing has run for IDLE_WRITE_MS (a failed one waits for the next commit). */
  function writeWhenIdle(): void {
    const idleFor = Date.now() - lastRan;
    if (idleFor < IDLE_WRITE_MS) return void setTimeout(writeWhenIdle, IDLE_WRITE_MS - idleFor);
    flush().catch(() => undefined);
  }

  const target = pg as unknown as Record<ProtocolMethod, (message: Uint8Array, options?: Options) => Promise<unknown>>;
  for (const method of PROTOCOL_METHODS) {
    const original = target[method].bind(pg);
    target[method] = async (message, options = {}) => {
      const { runs, ends } = describeMessages(message);
      if (runs) dirty = true;
      lastRan = Date.now();
      const result = await original(message, { ...options, syncToFs: false });
      if (ends) await flush();
      return result;
    };
  }
  pg.syncToFs = flush;
  return {
    release() {
      if (!holding) return;
      holding = false;
      if (dirty) writeWhenIdle();
    },
  };
}
