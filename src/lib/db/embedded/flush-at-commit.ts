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
type ProtocolMethod = 'execProtocol' | 'execProtocolStream' | 'execProtocolRaw' | 'execProtocolRawStream';
const PROTOCOL_METHODS: ProtocolMethod[] = ['execProtocol', 'execProtocolStream', 'execProtocolRaw', 'execProtocolRawStream'];

/**
 * Makes `pg` write its files out (to IndexedDB) once per commit instead of after every protocol
 * message. The multi-tab worker runs each message a tab sends (parse, bind, execute, sync: six per
 * query) with PGlite's default, which persists the whole data directory after each one: ~20 writes
 * per transaction, each 15-30 ms. Here a message only marks the database dirty; the write happens
 * when a statement or a transaction has ended outside a transaction block, before the answer goes
 * back, so a commit is on disk when its caller hears of it, as before. A write asked for inside a
 * transaction block (PGlite asks after BEGIN) waits for its COMMIT or ROLLBACK.
 */
export function flushAtCommit(pg: PGlite): PGlite {
  const persist = pg.syncToFs.bind(pg);
  let dirty = false;

  async function flush(): Promise<void> {
    if (!dirty || pg.isInTransaction()) return;
    dirty = false;
    try {
      await persist();
    } catch (error) {
      dirty = true;
      throw error;
    }
  }

  const target = pg as unknown as Record<ProtocolMethod, (message: Uint8Array, options?: Options) => Promise<unknown>>;
  for (const method of PROTOCOL_METHODS) {
    const original = target[method].bind(pg);
    target[method] = async (message, options = {}) => {
      const { runs, ends } = describeMessages(message);
      if (runs) dirty = true;
      const result = await original(message, { ...options, syncToFs: false });
      if (ends) await flush();
      return result;
    };
  }
  pg.syncToFs = flush;
  return pg;
}
