import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';
import { assertNoBrowserKey } from './src/config/build-guard.ts';
import { awaknowConfig } from './src/config/vite-plugin.ts';
import { embeddedDatabase } from './src/lib/db/embedded/vite-plugin.ts';
import { localDataServer } from './src/lib/db/remote/vite-plugin.ts';
import { withoutPgliteWarnings } from './src/config/build-warnings.ts';
import { resolveConfig } from './src/config/resolve.ts';

export default defineConfig(({ command, mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  if (command === 'build') {
    // A key in the bundle is readable by every visitor; refuse unless the operator opted in.
    assertNoBrowserKey(env);
  }
  // Supabase data: no embedded database in the build (settings that do not resolve show their error page).
  const resolved = resolveConfig(env);
  const localData = !resolved.ok || resolved.config.data.mode === 'local';
  // VITE_LOCAL_DATA=dev-server: `vite` and `vite preview` hold the one database the browsers share.
  const devServerData = resolved.ok && resolved.config.data.mode === 'local' && resolved.config.data.store === 'dev-server';
  return {
    plugins: [react(), awaknowConfig(), embeddedDatabase({ localData }), localDataServer({ enabled: devServerData })],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    // The worker's build reads the prebuilt database's address; the app's build emits the file.
    worker: { format: 'es', plugins: () => [embeddedDatabase({ emit: false, localData })] },
    build: {
      target: 'es2022',
      sourcemap: false,
      modulePreload: { polyfill: false },
      // PGlite's known build warnings, each explained where it is matched; any other is printed.
      rolldownOptions: { onwarn: withoutPgliteWarnings },
    },
    server: { port: 5173 },
    preview: { port: 4173 },
  };
});
