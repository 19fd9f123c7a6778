import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts on one machine run their end-to-end suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The server whose local data is its own shared database (VITE_LOCAL_DATA=dev-server), for two browsers at once.
const SHARED_PORT = Number(process.env.E2E_SHARED_PORT ?? PORT + 10);
const TWO_BROWSERS = /together-two-browsers\.spec\.ts$/;
const MOCK_ENV = { VITE_TAVUS_API_KEY: '', VITE_TAVUS_MODE: 'mock', VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' };

/** Debian's Chromium, with a fake camera and microphone; Playwright cannot download its own here. */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [
    { name: 'browser-data', testIgnore: TWO_BROWSERS },
    // two browser contexts (no storage, no BroadcastChannel between them) on the server's one database
    { name: 'dev-server-data', testMatch: TWO_BROWSERS, use: { baseURL: `http://127.0.0.1:${SHARED_PORT}` } },
  ],
  webServer: [
    {
      // The production build, as a static host would serve it, in mock mode with the embedded database.
      command: `npx vite build --logLevel error && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        ...MOCK_ENV,
        VITE_LOCAL_DATA: 'browser',
        // recording is offered, so the journey can say yes or no to it (the simulator records nothing anywhere)
        VITE_TAVUS_RECORDING_S3_BUCKET: 'awaknow-e2e-recordings',
        VITE_TAVUS_RECORDING_S3_REGION: 'eu-west-1',
        VITE_TAVUS_RECORDING_ROLE_ARN: 'arn:aws:iam::123456789012:role/tavus-recordings',
      },
    },
    {
      // The same build with the database in the server (vite preview holds it), built aside so neither build overwrites the other.
      command: `npx vite build --logLevel error --outDir node_modules/.awaknow-e2e-shared && npx vite preview --outDir node_modules/.awaknow-e2e-shared --port ${SHARED_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${SHARED_PORT}`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { ...MOCK_ENV, VITE_LOCAL_DATA: 'dev-server' },
    },
  ],
});
