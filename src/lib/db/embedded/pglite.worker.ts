import { worker } from '@electric-sql/pglite/worker';
import { PGlite } from '@electric-sql/pglite';
import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import fsBundleUrl from '@electric-sql/pglite/pglite.data?url';
import { dataDirUrl } from 'virtual:awaknow-embedded-db';
import { flushAtCommit } from './flush-at-commit';
import { INITDB_ARGS } from './initdb-args';
import { prepareForTabs } from './prepare';
import { loadViteSchema } from './vite-schema';
import { CONNECT_MESSAGE, DEFAULT_DATA_DIR } from './worker-start';

/** Whether this browser already holds the database (PGlite names its IndexedDB store `/pglite/<name>`). */
async function exists(dataDir: string): Promise<boolean> {
  if (!dataDir.startsWith('idb://')) return false;
  const name = `/pglite/${dataDir.slice('idb://'.length)}`;
  if (!indexedDB.databases) return true; // cannot tell: open what is there (PGlite makes it if empty)
  return (await indexedDB.databases()).some((db) => db.name === name);
}

/** The prebuilt data directory, on a first visit only: a browser holding a database opens (and migrates) it. */
async function prebuiltFor(dataDir: string): Promise<Blob | undefined> {
  if (await exists(dataDir)) return undefined;
  const response = await fetch(dataDirUrl);
  if (!response.ok) throw new Error(`The prebuilt local database could not be fetched (${response.status}).`);
  return response.blob();
}

// The downloads start as the script does, before any tab has asked: PGlite's files and the data
// directory arrive while the page loads. Compiling PGlite (seconds of CPU on a slow device) waits
// for the page's word, given when it first asks for the database (after its first render), so the
// first paint does not share the CPU with it.
const wasmResponse = fetch(wasmUrl);
const ahead = {
  fsBundle: fetch(fsBundleUrl).then((response) => response.blob()),
  schema: loadViteSchema(),
  prebuilt: prebuiltFor(DEFAULT_DATA_DIR),
};
for (const pending of [wasmResponse, ...Object.values(ahead)]) pending.catch(() => undefined); // awaited (and reported) by init

// One worker per tab; only the elected leader's runs `init`, and every tab's queries go through it,
// so all tabs share one database (and one set of row locks and unique indexes). The handshake
// waits for the page's word: the page creates this worker before its database client listens.
addEventListener('message', function onConnect(event: MessageEvent<unknown>) {
  if (event.data !== CONNECT_MESSAGE) return;
  removeEventListener('message', onConnect);
  const wasm = WebAssembly.compileStreaming(wasmResponse);
  wasm.catch(() => undefined);
  void worker({
    async init(options) {
      const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
      const [pgliteWasmModule, fsBundle, loadDataDir] = await Promise.all([
        wasm,
        ahead.fsBundle,
        dataDir === DEFAULT_DATA_DIR ? ahead.prebuilt : prebuiltFor(dataDir),
      ]);
      const pg = await PGlite.create({ dataDir, initDbStartParams: INITDB_ARGS, pgliteWasmModule, fsBundle, ...(loadDataDir ? { loadDataDir } : {}) });
      // Opened from the store: it holds what the files hold. Loaded from the tar: nothing is stored yet.
      flushAtCommit(pg, { stored: !loadDataDir });
      await prepareForTabs(pg, () => ahead.schema);
      return pg;
    },
  });
});
