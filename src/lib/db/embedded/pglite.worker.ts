import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import fsBundleUrl from '@electric-sql/pglite/pglite.data?url';
import { dataDirUrl, schemaHash } from 'virtual:awaknow-embedded-db';
import { CONNECT_MESSAGE, DATABASE_ID, DEFAULT_DATA_DIR } from './worker-start';
import { leadIfFree } from './leader-lock';
import { readStoredFiles, type StoredFiles } from './stored-files';

/** The prebuilt data directory, for a browser whose store holds no database (a first visit). */
async function fetchPrebuilt(): Promise<Blob> {
  const response = await fetch(dataDirUrl);
  if (!response.ok) throw new Error(`The prebuilt local database could not be fetched (${response.status}).`);
  return response.blob();
}

// Everything starts as the script does, before any tab has asked: PGlite's files download, its
// WebAssembly compiles as it arrives, and PGlite's code loads. A worker that leads from the start
// (the only tab, or the first) also reads the stored database, or on a first visit fetches the
// prebuilt one. The page creates this worker before its first render; only the tabs' handshake
// waits for the page's word.
const wasmResponse = fetch(wasmUrl);
const wasm = WebAssembly.compileStreaming(wasmResponse);
const fsBundle = fetch(fsBundleUrl).then((response) => response.blob());
const leading = leadIfFree(DATABASE_ID);
/** Read early by a worker that leads from the start; another reads the store once it leads (see leader-lock.ts). */
const storedEarly: Promise<StoredFiles | undefined> = leading.then((held) => (held ? readStoredFiles(DEFAULT_DATA_DIR) : undefined));
const prebuiltEarly = storedEarly.then((stored) => (stored?.kind === 'empty' ? fetchPrebuilt() : undefined));
const code = Promise.all([
  import('@electric-sql/pglite'),
  import('./browser-store'),
  import('./flush-at-commit'),
  import('./initdb-args'),
  import('./prepare'),
]);
// PGlite's multi-tab leader with its handling of a closing tab fixed (see tab-leader.ts)
const workerCode = import('./tab-leader');
for (const pending of [wasm, fsBundle, leading, storedEarly, prebuiltEarly, code, workerCode]) pending.catch(() => undefined); // awaited (and reported) by init
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
      leading: { id: DATABASE_ID, held: leading },
      async init() {
        const stored = (await storedEarly) ?? (await readStoredFiles(DEFAULT_DATA_DIR));
        const [pgliteWasmModule, bundle, loadDataDir, modules] = await Promise.all([
          wasm,
          fsBundle,
          stored.kind === 'empty' ? prebuiltEarly.then((early) => early ?? fetchPrebuilt()) : undefined,
          code,
        ]);
        const [{ PGlite }, { BrowserStore }, { flushAtCommit }, { INITDB_ARGS, START_PARAMS }, { prepareForTabs }] = modules;
        const store = new BrowserStore(DEFAULT_DATA_DIR, stored);
        const pg = await PGlite.create({
          fs: store,
          initDbStartParams: INITDB_ARGS,
          startParams: START_PARAMS,
          pgliteWasmModule,
          fsBundle: bundle,
          ...(loadDataDir ? { loadDataDir } : {}),
        });
        store.open();
        // Opened from the store: it holds what the files hold. Loaded from the tar: nothing is stored
        // yet. Either way the preparation below is written out after the tabs' first answers.
        const writes = flushAtCommit(pg, { stored: !loadDataDir, held: true });
        await prepareForTabs(pg, loadSchema, schemaHash);
        writes.release();
        return pg;
      },
    }),
  );
});
