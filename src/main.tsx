import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from '@/config/load';
import { ConfigErrorScreen } from '@/app/config-error';
import { App } from '@/app/app';
import { startDatabaseWorker } from '@/lib/db/embedded/worker-start';
import '@/app/styles.css';

const result = loadConfig();
// Local data mode: the database's worker starts as soon as the first screen is painted (measured:
// started before, its downloads delayed that paint), so PGlite and the data directory arrive while
// the rest of the page's code does. The start page asks for it too, should paint wait (a hidden
// tab). Supabase mode never loads either.
if (result.ok && result.config.data.mode === 'local') afterFirstPaint(startDatabaseWorker);

function afterFirstPaint(then: () => void) {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) return then();
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('first-contentful-paint').length) return; // a blank first paint does not count
    observer.disconnect();
    then();
  });
  observer.observe({ type: 'paint', buffered: true });
}
const root = createRoot(document.getElementById('root')!);

root.render(<StrictMode>{result.ok ? <App config={result.config} /> : <ConfigErrorScreen issues={result.issues} />}</StrictMode>);
