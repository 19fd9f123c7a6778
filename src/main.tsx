import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from '@/config/load';
import { ConfigErrorScreen } from '@/app/config-error';
import { App } from '@/app/app';
import '@/app/styles.css';

const root = createRoot(document.getElementById('root')!);
const result = loadConfig();

root.render(
  <StrictMode>{result.ok ? <App config={result.config} /> : <ConfigErrorScreen issues={result.issues} />}</StrictMode>,
);
