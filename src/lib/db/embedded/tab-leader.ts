/*
 * The leader's side of PGlite's multi-tab worker: the tab elected leader runs Postgres, and every
 * tab's calls come to it. Vendored from electric-sql/pglite (Apache License 2.0, copyright
 * ElectricSQL; the licence is node_modules/@electric-sql/pglite/LICENSE), packages/pglite/src/worker/
 * index.ts at commit 45ce73852ac7bff817e4b44295f4ec8d4602aad9, the same file as the source map of
 * @electric-sql/pglite 0.5.16 (ours) and 0.5.17 (the newest), taken 2026-12-02: the functions
 * `worker`, `connectTab`, `makeWorkerApi` and `acquireLock`. The tabs' side (`PGliteWorker`, in
 * browser.ts) stays PGlite's own; both speak the same messages.
 *
 * Changed here, for a tab that closes (or reloads) while it holds the database or waits for it.
 * A tab's transaction and each statement take PGlite's locks through calls to the leader, and a tab
 * may have several such calls waiting at once (the page runs reads side by side). PGlite 0.5.16:
 * 1. A lock granted to a tab after the leader saw it close was kept for it, and never released:
 *    every tab's next statement then waited forever. Here it is handed on at once.
 * 2. The transaction the tab left open was rolled back by a ROLLBACK that queued behind the other
 *    tabs' waiting calls, so their statements ran inside it first (and the ROLLBACK undid them).
 *    Here it is rolled back before the closed tab's lock is let go, once its running statements end.
 * And a worker may take the election lock as it starts (`leading`, leader-lock.ts), before its page
 * sends its options, so that it can read the store early.
 */
import { protocol, type PGlite } from '@electric-sql/pglite';
import type { PGliteWorkerOptions } from '@electric-sql/pglite/worker';
import { electionLock } from './leader-lock';

type LeaderInitOptions = Omit<PGliteWorkerOptions, 'extensions'>;

export interface LeaderOptions {
  /** Opens the database; run by the elected leader only. */
  init: (options: LeaderInitOptions) => Promise<PGlite>;
  /** This worker took the election lock of database `id` as it started, if `held` says so. */
  leading?: { id: string; held: Promise<boolean> };
}

export async function worker({ init, leading }: LeaderOptions): Promise<void> {
  // Let the page know we are here, then wait for its options.
  postMessage({ type: 'here' });
  const options = await new Promise<LeaderInitOptions>((resolve) => {
    addEventListener(
      'message',
      (event: MessageEvent<{ type?: string; options?: LeaderInitOptions }>) => {
        if (event.data.type === 'init') resolve(event.data.options ?? {});
      },
      { once: true },
    );
  });

  // The group of workers electing a leader for one shared database.
  const id = options.id ?? `${import.meta.url}:${options.dataDir ?? ''}`;
  postMessage({ type: 'ready', id });

  const broadcastChannel = new BroadcastChannel(`pglite-broadcast:${id}`);
  const connectedTabs = new Set<string>();

  // The election: held until this worker (or its tab) goes.
  const leadsAlready = leading?.id === id && (await leading.held);
  if (!leadsAlready) await acquireLock(electionLock(id));

  const dbPromise = init(options);
  broadcastChannel.onmessage = async (event: MessageEvent<{ type?: string; id?: string }>) => {
    if (event.data.type === 'tab-here' && event.data.id) connectTab(event.data.id, await dbPromise, connectedTabs);
  };
  broadcastChannel.postMessage({ type: 'leader-here', id });
  postMessage({ type: 'leader-now' });

  const db = await dbPromise;
  db.onNotification((channel, payload) => broadcastChannel.postMessage({ type: 'notify', channel, payload }));
}

interface RpcCall {
  type: 'rpc-call';
  callId: string;
  method: WorkerRpcMethod;
  args: unknown[];
}

/** The calls that run statements: a closed tab's are let finish before its transaction is rolled back. */
const STATEMENTS = new Set<WorkerRpcMethod>(['execProtocol', 'execProtocolStream', 'execProtocolRaw', 'execProtocolRawStream']);

function connectTab(tabId: string, pg: PGlite, connectedTabs: Set<string>): void {
  if (connectedTabs.has(tabId)) return;
  connectedTabs.add(tabId);
  const tabChannel = new BroadcastChannel(`pglite-tab:${tabId}`);
  const { api, tabClosed } = makeWorkerApi(pg);
  const running = new Set<Promise<unknown>>();
  let gone = false;

  // The tab holds this lock while it lives: granted here, the tab has gone.
  void acquireLock(`pglite-tab-close:${tabId}`).then(async (release) => {
    gone = true;
    tabChannel.close();
    connectedTabs.delete(tabId);
    await tabClosed(running);
    release();
  });

  tabChannel.addEventListener('message', async (event: MessageEvent<RpcCall>) => {
    if (event.data.type !== 'rpc-call') return;
    await pg.waitReady;
    if (gone) return; // a call that comes as its tab goes starts nothing
    const { callId, method, args } = event.data;
    const call = Object.hasOwn(api, method)
      ? (api[method] as (...args: unknown[]) => Promise<unknown>)(...args)
      : Promise.reject(new Error(`no such call: ${String(method)}`));
    if (STATEMENTS.has(method)) {
      running.add(call);
      void call.then(
        () => running.delete(call),
        () => running.delete(call),
      );
    }
    let answer: object;
    try {
      answer = { type: 'rpc-return', callId, result: await call };
    } catch (error) {
      console.error(error);
      answer = { type: 'rpc-error', callId, error: { message: (error as Error).message } };
    }
    if (!gone) tabChannel.postMessage(answer); // a tab that has gone hears nothing (its channel is closed)
  });

  tabChannel.postMessage({ type: 'connected' });
}

/** Postgres's simple query then sync, as PGlite's exec sends them. */
const ROLLBACK = [protocol.serialize.query('ROLLBACK'), protocol.serialize.sync()];

function makeWorkerApi(db: PGlite) {
  let queryLockRelease: (() => void) | null = null;
  let transactionLockRelease: (() => void) | null = null;
  let closed = false;

  /** Takes one of db's locks for the tab, until it asks to release it; once the tab has gone, at once let go. */
  const take = (runExclusive: (fn: () => Promise<void>) => Promise<void>, keep: (release: () => void) => void) =>
    new Promise<void>((granted) => {
      void runExclusive(
        () =>
          new Promise<void>((release) => {
            if (closed) release();
            else keep(release);
            granted();
          }),
      );
    });

  /** The tab has gone: what it left open is rolled back before anyone else's statement runs. */
  async function tabClosed(running: Set<Promise<unknown>>): Promise<void> {
    closed = true;
    if (transactionLockRelease) {
      await Promise.allSettled([...running]);
      try {
        for (const message of ROLLBACK) await db.execProtocol(message, { throwOnError: false });
      } catch (error) {
        console.error(error);
      }
    }
    queryLockRelease?.();
    queryLockRelease = null;
    transactionLockRelease?.();
    transactionLockRelease = null;
  }

  const api = {
    async getDebugLevel() {
      return db.debug;
    },
    async close() {
      await db.close();
    },
    async execProtocol(message: Uint8Array) {
      const { messages, data } = await db.execProtocol(message);
      return { messages, data: ownBuffer(data) };
    },
    async execProtocolStream(message: Uint8Array) {
      return await db.execProtocolStream(message);
    },
    async execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) {
      return await db.execProtocolRawStream(message, options);
    },
    async execProtocolRaw(message: Uint8Array) {
      return ownBuffer(await db.execProtocolRaw(message));
    },
    async dumpDataDir(compression?: Parameters<PGlite['dumpDataDir']>[0]) {
      return await db.dumpDataDir(compression);
    },
    async syncToFs() {
      return await db.syncToFs();
    },
    async _handleBlob(blob?: File | Blob) {
      return await db._handleBlob(blob);
    },
    async _getWrittenBlob() {
      return await db._getWrittenBlob();
    },
    async _cleanupBlob() {
      return await db._cleanupBlob();
    },
    async _checkReady() {
      return await db._checkReady();
    },
    async _acquireQueryLock() {
      return take(
        (fn) => db._runExclusiveQuery(fn),
        (release) => (queryLockRelease = release),
      );
    },
    async _releaseQueryLock() {
      queryLockRelease?.();
      queryLockRelease = null;
    },
    async _acquireTransactionLock() {
      return take(
        (fn) => db._runExclusiveTransaction(fn),
        (release) => (transactionLockRelease = release),
      );
    },
    async _releaseTransactionLock() {
      transactionLockRelease?.();
      transactionLockRelease = null;
    },
  };
  return { api, tabClosed };
}

type WorkerRpcMethod = keyof ReturnType<typeof makeWorkerApi>['api'];

/**
 * A slice of a larger buffer (possibly the whole memory of the WebAssembly module) is copied, so
 * only the answer crosses to the tab.
 */
function ownBuffer(data: Uint8Array): Uint8Array {
  if (data.byteLength === data.buffer.byteLength) return data;
  const copy = new Uint8Array(new ArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

async function acquireLock(lockId: string): Promise<() => void> {
  return new Promise((resolve) => {
    void navigator.locks.request(lockId, () => new Promise<void>((release) => resolve(release)));
  });
}
