import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from '@/config/load';
import { ConfigErrorScreen } from '@/app/config-error';
import { App } from '@/app/app';
import { startDatabaseWorker } from '@/lib/db/embedded/worker-start';
import '@/app/styles.css';

const result = loadConfig();
// Local data mode: the database's worker starts before anything renders, so PGlite and the data
// directory arrive while the page's own code does (supabase mode never loads either).
if (result.ok && result.config.data.mode === 'local') startDatabaseWorker();
const root = createRoot(document.getElementById('root')!);

root.render(
  <StrictMode>{result.ok ? <App config={result.config} /> : <ConfigErrorScreen issues={result.issues} />}</StrictMode>,
);
