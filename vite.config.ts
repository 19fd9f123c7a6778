import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';
import { assertNoBrowserKey } from './src/config/build-guard.ts';
import { awaknowConfig } from './src/config/vite-plugin.ts';
import { embeddedDatabase } from './src/lib/db/embedded/vite-plugin.ts';
import { withoutPgliteWarnings } from './src/config/build-warnings.ts';

export default defineConfig(({ command, mode }) => {
  if (command === 'build') {
    // A key in the bundle is readable by every visitor; refuse unless the operator opted in.
    assertNoBrowserKey(loadEnv(mode, process.cwd(), 'VITE_'));
  }
  return {
    plugins: [react(), awaknowConfig(), embeddedDatabase()],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
    // The worker's build reads the prebuilt database's address; the app's build emits the file.
    worker: { format: 'es', plugins: () => [embeddedDatabase({ emit: false })] },
    build: {
      target: 'es2022',
      sourcemap: false,
      // PGlite's known build warnings, each explained where it is matched; any other is printed.
      rolldownOptions: { onwarn: withoutPgliteWarnings },
    },
    server: { port: 5173 },
    preview: { port: 4173 },
  };
});
