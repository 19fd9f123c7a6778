import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from '@/config/load';
import { App } from '@/app/app';
import { startDatabaseWorker } from '@/lib/db/embedded/worker-start';
import '@/app/styles.css';

const result = loadConfig();
// Local data mode: the database's worker starts before the first render, so PGlite's files and the
// prebuilt data directory download, and its WebAssembly compiles, while the page's own code runs and
// paints. The start page never waits for the database, so what this costs the paint on a busy
// machine does not delay the start button (see the README's bench). Supabase mode never loads either.
// (With VITE_LOCAL_DATA=dev-server the database is the server's: no worker.)
if (result.ok && result.config.data.mode === 'local' && result.config.data.store !== 'dev-server') startDatabaseWorker();

const root = createRoot(document.getElementById('root')!);

if (result.ok)
  root.render(
    <StrictMode>
      <App config={result.config} />
    </StrictMode>,
  );
// A build with bad settings is for its operator to fix: the screen that says so is not part of every first page.
else
  void import('@/app/config-error').then(({ ConfigErrorScreen }) =>
    root.render(
      <StrictMode>
        <ConfigErrorScreen issues={result.issues} />
      </StrictMode>,
    ),
  );
