import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { runContract } from '../../contract/tavus-client.contract';
import { MSW_BASE, MSW_KEY, createTavusMsw } from '../../contract/tavus-msw';

const tavus = createTavusMsw();
const server = setupServer(...tavus.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

runContract('documented API through MSW', () => ({
  fetch: (input, init) => globalThis.fetch(input, init),
  baseUrl: MSW_BASE,
  credentials: { apiKey: MSW_KEY },
  secret: MSW_KEY,
  reset: () => tavus.reset(),
  fault: (kind, options = {}) => tavus.setFault({ kind, ...options }),
}));
