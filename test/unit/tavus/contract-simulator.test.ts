import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';
import { runContract } from '../../contract/tavus-client.contract';

// Proxy-style base URL and a bearer token: the simulator answers any base URL ending in /v2/...
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldA';
let simulator: TavusSimulator;

runContract('simulator', () => {
  simulator = createTavusSimulator();
  return {
    fetch: simulator.fetch,
    baseUrl: 'https://demo-project.supabase.co/functions/v1/tavus',
    credentials: { headers: () => ({ Authorization: `Bearer ${JWT}` }) },
    secret: JWT,
    reset: () => simulator.reset(),
    fault: (kind, options = {}) => simulator.faults.set({ ...(kind === 'latency' ? {} : { status: kind }), ...options }),
  };
});
