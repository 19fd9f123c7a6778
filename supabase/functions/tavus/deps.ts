import { consoleLogger, type Logger } from '../_shared/http.ts';
import { loadSettings, type LoadedSettings } from '../_shared/settings.ts';
import { createTavusUpstream, type TavusUpstream } from '../_shared/tavus.ts';

/** What anyone may know about the persona the server talks with: its name and ids, nothing of its prompt. */
export interface PersonaFacts {
  persona_id: string;
  persona_name: string | null;
  default_replica_id: string | null;
  replica_id: string;
  verified: true;
}

/** Everything the `tavus` handler needs from outside; tests hand in fakes, index.ts the real ones. */
export interface TavusDeps {
  settings: LoadedSettings;
  /** Reaches Tavus (the simulator in tests). */
  tavusFetch: typeof globalThis.fetch;
  /** Reaches Supabase Auth and PostgREST. */
  supabaseFetch: typeof globalThis.fetch;
  log: Logger;
  now: () => number;
  /** Lives as long as the function instance: the persona's public facts, kept for a minute. */
  personaCache: { facts?: PersonaFacts; expiresAt: number };
  sleep?: (ms: number) => Promise<void>;
}

export function createTavusDeps(env: Record<string, string | undefined>, overrides: Partial<TavusDeps> = {}): TavusDeps {
  return {
    settings: loadSettings(env),
    tavusFetch: (input, init) => fetch(input, init),
    supabaseFetch: (input, init) => fetch(input, init),
    log: consoleLogger,
    now: () => Date.now(),
    personaCache: { expiresAt: 0 },
    ...overrides,
  };
}

/** The server's Tavus client; 503 when TAVUS_API_KEY is not set. */
export function upstream(deps: TavusDeps): TavusUpstream {
  const { TAVUS_API_KEY, TAVUS_BASE_URL } = deps.settings.require('TAVUS_API_KEY', 'TAVUS_BASE_URL');
  return createTavusUpstream({
    baseUrl: TAVUS_BASE_URL,
    apiKey: TAVUS_API_KEY,
    fetch: deps.tavusFetch,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
}
