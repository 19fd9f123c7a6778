import type { Server } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createModuleLoader } from '../embedded/vite-plugin.ts';
import type { LocalDbHost, LocalDbHostOptions } from './host.ts';

/** Every path the shared local database answers starts with this (see protocol.ts). */
const PREFIX = '/__awaknow/local-';

/**
 * Loads host.ts and the schema the way the app's build sees them (Vite's glob and `?raw` imports of
 * vite-schema.ts: the one list of files the embedded database runs), through a Vite of its own in
 * middleware mode, kept open while the host lives: the schema's files load through it on first use.
 */
async function loadHost(root: string, allowedHosts: LocalDbHostOptions['allowedHosts']): Promise<LocalDbHost> {
  const loader = await createModuleLoader(root);
  try {
    const [{ createLocalDbHost }, { loadViteSchema }] = await Promise.all([
      loader.ssrLoadModule('/src/lib/db/remote/host.ts') as Promise<typeof import('./host.ts')>,
      loader.ssrLoadModule('/src/lib/db/embedded/vite-schema.ts') as Promise<typeof import('../embedded/vite-schema.ts')>,
    ]);
    const host = createLocalDbHost({ loadSchema: loadViteSchema, ...(allowedHosts ? { allowedHosts } : {}) });
    return {
      handle: host.handle,
      async close() {
        await host.close();
        await loader.close();
      },
    };
  } catch (error) {
    await loader.close();
    throw error;
  }
}

function attach(root: string, middlewares: Connect.Server, httpServer: Server | null, allowedHosts: LocalDbHostOptions['allowedHosts']) {
  let host: Promise<LocalDbHost> | undefined;
  middlewares.use((request, response, next) => {
    if (!request.url?.startsWith(PREFIX)) return next();
    host ??= loadHost(root, allowedHosts);
    host.then(
      (ready) => ready.handle(request, response, next),
      (error: unknown) => {
        host = undefined; // the next request tries again (a migration fixed in the meantime, say)
        response.statusCode = 500;
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ error: { code: 'db_error', message: error instanceof Error ? error.message : String(error) } }));
      },
    );
  });
  httpServer?.on('close', () => void host?.then((ready) => ready.close()).catch(() => undefined));
}

export const BUILD_NOTICE =
  'VITE_LOCAL_DATA=dev-server: this build keeps its data in the database of the server that serves it. ' +
  '`npm run preview` serves it with that database; a static host has none, and the app would say so on its first read.';

/**
 * VITE_LOCAL_DATA=dev-server: the dev server (`vite`) and the preview server (`vite preview`) hold
 * the one local database every browser of this machine (or of its network, for an allowed host)
 * shares, so two browsers can hold a session together in mock mode. Off, it adds nothing.
 */
export function localDataServer({ enabled }: { enabled: boolean }): Plugin {
  return {
    name: 'awaknow-local-data-server',
    // A build is allowed (`vite preview` serves it with the database), and says where it can run.
    configResolved(config) {
      if (enabled && config.command === 'build') config.logger.warn(BUILD_NOTICE);
    },
    configureServer(server) {
      if (enabled) attach(server.config.root, server.middlewares, server.httpServer as Server | null, server.config.server.allowedHosts);
    },
    configurePreviewServer(server) {
      if (enabled) attach(server.config.root, server.middlewares, server.httpServer as Server, server.config.preview.allowedHosts);
    },
  };
}
