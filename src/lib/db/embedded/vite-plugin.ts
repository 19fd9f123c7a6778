import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Plugin, type ResolvedConfig } from 'vite';
import type { SchemaSource } from './migrate.ts';
import type { PrebuiltDatabase } from './prebuild.ts';

export const EMBEDDED_DB_MODULE_ID = 'virtual:awaknow-embedded-db';
const RESOLVED_ID = `\0${EMBEDDED_DB_MODULE_ID}`;
const DEV_PATH = '/@awaknow/embedded-db/';
const CREATE_WORKER = 'src/lib/db/embedded/create-worker.ts';
/** What a supabase build has in place of create-worker.ts: the app never asks for it in that mode. */
const NO_WORKER = `export function createDatabaseWorker() {
  throw new Error('The embedded database is part of local data mode only; this build uses Supabase.');
}
`;

interface Prepared extends PrebuiltDatabase {
  hash: string;
}

/** A Vite of its own, in middleware mode, that only loads the app's modules for node (`ssrLoadModule`). */
export function createModuleLoader(root: string) {
  return createServer({
    configFile: false,
    root,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
    resolve: { alias: { '@': join(root, 'src') } },
  });
}

/**
 * Loads the app's own modules the way the browser build does (Vite's glob and `?raw` imports): the
 * schema comes from vite-schema.ts, the one list of files the embedded database runs, never a copy.
 */
async function loadBuildModules(root: string) {
  const server = await createModuleLoader(root);
  try {
    const [{ loadViteSchema }, migrate, prebuild] = await Promise.all([
      server.ssrLoadModule('/src/lib/db/embedded/vite-schema.ts'),
      server.ssrLoadModule('/src/lib/db/embedded/migrate.ts'),
      server.ssrLoadModule('/src/lib/db/embedded/prebuild.ts'),
    ]);
    const source = (await loadViteSchema()) as SchemaSource;
    const files = migrate.schemaFiles(source) as Array<{ name: string; sql: string }>;
    const { INITDB_ARGS } = await server.ssrLoadModule('/src/lib/db/embedded/initdb-args.ts');
    return {
      source,
      files,
      initdbArgs: INITDB_ARGS as string[],
      prebuildDatabase: prebuild.prebuildDatabase as (s: SchemaSource, hash: string) => Promise<PrebuiltDatabase>,
    };
  } finally {
    await server.close();
  }
}

/**
 * Names a data directory by everything it is made of: PGlite's version, initdb's arguments, the
 * recipe (prebuild.ts), and each schema file in order.
 */
export function hashOf(files: Array<{ name: string; sql: string }>, initdbArgs: string[], pgliteVersion: string, recipe: string): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion}\0initdb ${initdbArgs.join(' ')}\0${recipe}\0`);
  for (const file of files) hash.update(`${file.name}\0${file.sql}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** Builds the data directory, or takes the one made from the same files before (kept in Vite's cache directory). */
async function prepare(root: string, cacheDir: string): Promise<Prepared> {
  const { source, files, initdbArgs, prebuildDatabase } = await loadBuildModules(root);
  const pgliteVersion = (
    JSON.parse(await readFile(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  ).version;
  const recipe = await readFile(join(root, 'src/lib/db/embedded/prebuild.ts'), 'utf8');
  const hash = hashOf(files, initdbArgs, pgliteVersion, recipe);
  const dir = join(cacheDir, 'awaknow-embedded-db');
  const tarPath = join(dir, `${hash}.tgz`);
  const usagePath = join(dir, `${hash}.json`);
  try {
    const [tarball, usage] = await Promise.all([readFile(tarPath), readFile(usagePath, 'utf8')]);
    return { hash, tarball: new Uint8Array(tarball), firstUsage: JSON.parse(usage) as PrebuiltDatabase['firstUsage'] };
  } catch {
    // not made yet from these files
  }
  const built = await prebuildDatabase(source, hash);
  await mkdir(dir, { recursive: true });
  // Written aside and renamed: two builds at once never read half a file.
  const suffix = `.${process.pid}.tmp`;
  await Promise.all([writeFile(tarPath + suffix, built.tarball), writeFile(usagePath + suffix, JSON.stringify(built.firstUsage))]);
  await Promise.all([rename(tarPath + suffix, tarPath), rename(usagePath + suffix, usagePath)]);
  return { hash, ...built };
}

// One per process and root: the app's build and its worker's build share it.
const prepared = new Map<string, Promise<Prepared>>();
function prepareOnce(root: string, cacheDir: string): Promise<Prepared> {
  let pending = prepared.get(root);
  if (!pending) {
    pending = prepare(root, cacheDir);
    prepared.set(root, pending);
    pending.catch(() => prepared.delete(root));
  }
  return pending;
}

const isSchemaFile = (root: string, file: string) =>
  file.startsWith(join(root, 'supabase/migrations')) || (file.startsWith(join(root, 'src/lib/db/embedded')) && file.endsWith('.sql'));

/**
 * The embedded database's prebuilt data directory: made when Vite builds or starts (in node, by
 * the same PGlite), emitted as a hashed asset and served by the dev server. `virtual:awaknow-embedded-db`
 * tells the worker where it is and the start page what a new local user has. A changed schema file
 * makes a new one (another name); a browser that holds an older database keeps it and migrates.
 * `emit: false` for the worker's build, which only reads the module. `localData: false` (a build
 * for Supabase data) emits no data directory and builds no database worker, so neither PGlite's
 * files nor the worker's code are in it.
 */
export function embeddedDatabase({ emit = true, localData = true }: { emit?: boolean; localData?: boolean } = {}): Plugin {
  let config: ResolvedConfig;
  const fileName = (hash: string) => `${config.build.assetsDir}/awaknow-db-${hash}.tgz`;
  return {
    name: 'awaknow-embedded-db',
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      return id === EMBEDDED_DB_MODULE_ID ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (!localData && id === join(config.root, CREATE_WORKER)) return NO_WORKER;
      if (id !== RESOLVED_ID) return undefined;
      const { hash, firstUsage } = await prepareOnce(config.root, config.cacheDir);
      const url = config.command === 'serve' ? `${config.base}${DEV_PATH.slice(1)}${hash}.tgz` : `${config.base}${fileName(hash)}`;
      return `export const dataDirUrl = ${JSON.stringify(url)};\nexport const schemaHash = ${JSON.stringify(hash)};\nexport const firstUsage = ${JSON.stringify(firstUsage)};\n`;
    },
    async generateBundle() {
      if (!emit || !localData || config.command !== 'build') return;
      const { hash, tarball } = await prepareOnce(config.root, config.cacheDir);
      this.emitFile({ type: 'asset', fileName: fileName(hash), source: tarball });
    },
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        if (!request.url?.startsWith(config.base + DEV_PATH.slice(1))) return next();
        const { hash, tarball } = await prepareOnce(config.root, config.cacheDir);
        if (!request.url.endsWith(`${hash}.tgz`)) return next();
        response.setHeader('Content-Type', 'application/gzip');
        response.end(tarball);
      });
      // A changed migration makes a new data directory; the page reloads onto it.
      const onChange = (file: string) => {
        if (!isSchemaFile(config.root, file)) return;
        prepared.delete(config.root);
        const module = server.moduleGraph.getModuleById(RESOLVED_ID);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', onChange).on('add', onChange).on('unlink', onChange);
    },
  };
}
