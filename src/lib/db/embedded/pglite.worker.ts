import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import fsBundleUrl from '@electric-sql/pglite/pglite.data?url';
import { dataDirUrl, schemaHash } from 'virtual:awaknow-embedded-db';
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

// Everything starts as the script does, before any tab has asked: PGlite's files and the data
// directory download, its WebAssembly compiles as it arrives, and PGlite's code loads. The page
// creates this worker before its first render; only the tabs' handshake waits for the page's word.
const wasmResponse = fetch(wasmUrl);
const wasm = WebAssembly.compileStreaming(wasmResponse);
const fsBundle = fetch(fsBundleUrl).then((response) => response.blob());
const prebuilt = prebuiltFor(DEFAULT_DATA_DIR);
const code = Promise.all([import('@electric-sql/pglite'), import('./flush-at-commit'), import('./initdb-args'), import('./prepare')]);
// PGlite's multi-tab leader with its handling of a closing tab fixed (see tab-leader.ts)
const workerCode = import('./tab-leader');
for (const pending of [wasm, fsBundle, prebuilt, code, workerCode]) pending.catch(() => undefined); // awaited (and reported) by init
// The schema files only for a database that does not record this build's schema (see prepare.ts).
const loadSchema = async () => (await import('./vite-schema')).loadViteSchema();

// One worker per tab; only the elected leader's runs `init`, and every tab's queries go through it,
// so all tabs share one database (and one set of row locks and unique indexes). The handshake
// waits for the page's word: the page creates this worker before its database client listens.
addEventListener('message', function onConnect(event: MessageEvent<unknown>) {
  if (event.data !== CONNECT_MESSAGE) return;
  removeEventListener('message', onConnect);
  void workerCode.then(({ worker }) =>
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
        await prepareForTabs(pg, loadSchema, schemaHash);
        return pg;
      },
    }),
  );
});
