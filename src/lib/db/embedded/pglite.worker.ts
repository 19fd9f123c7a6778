import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import fsBundleUrl from '@electric-sql/pglite/pglite.data?url';
import { dataDirUrl } from 'virtual:awaknow-embedded-db';
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
// directory arrive while the page loads. The CPU work (PGlite's code, compiling its WebAssembly,
// the schema) waits for the page's word, given when it first asks for the database (after its
// first render), so the first paint does not share the CPU with it.
const wasmResponse = fetch(wasmUrl);
const fsBundle = fetch(fsBundleUrl).then((response) => response.blob());
const prebuilt = prebuiltFor(DEFAULT_DATA_DIR);
for (const pending of [wasmResponse, fsBundle, prebuilt]) pending.catch(() => undefined); // awaited (and reported) by init

// One worker per tab; only the elected leader's runs `init`, and every tab's queries go through it,
// so all tabs share one database (and one set of row locks and unique indexes). The handshake
// waits for the page's word: the page creates this worker before its database client listens.
addEventListener('message', function onConnect(event: MessageEvent<unknown>) {
  if (event.data !== CONNECT_MESSAGE) return;
  removeEventListener('message', onConnect);
  const wasm = WebAssembly.compileStreaming(wasmResponse);
  const code = Promise.all([import('@electric-sql/pglite'), import('./flush-at-commit'), import('./initdb-args'), import('./prepare')]);
  const schema = import('./vite-schema').then(({ loadViteSchema }) => loadViteSchema());
  for (const pending of [wasm, code, schema]) pending.catch(() => undefined);
  void import('@electric-sql/pglite/worker').then(({ worker }) =>
    worker({
      async init(options) {
        const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
        const [pgliteWasmModule, bundle, loadDataDir, [{ PGlite }, { flushAtCommit }, { INITDB_ARGS }, { prepareForTabs }]] =
          await Promise.all([wasm, fsBundle, dataDir === DEFAULT_DATA_DIR ? prebuilt : prebuiltFor(dataDir), code]);
        const pg = await PGlite.create({
          dataDir,
          initDbStartParams: INITDB_ARGS,
          pgliteWasmModule,
          fsBundle: bundle,
          ...(loadDataDir ? { loadDataDir } : {}),
        });
        // Opened from the store: it holds what the files hold. Loaded from the tar: nothing is stored yet.
        flushAtCommit(pg, { stored: !loadDataDir });
        await prepareForTabs(pg, () => schema);
        return pg;
      },
    }),
  );
});
