import type { AppConfig, ProxyConfig, SupabaseData } from '@/config';
// from its own module: the config index also leads to the settings parser, which never ships
import { isProxyConfig } from '@/config/modes';
import type { Services } from '@/lib/services';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { SessionGateway } from '@/lib/sessions/types';
import { isLocalGuestTab } from '@/lib/db/embedded/guest-tab';
import { storedUserId, supabaseStorageKey } from '@/features/auth/stored-session';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined; // a failed load (offline chunk, say) may be retried
      throw error;
    });
    return pending;
  };
}

export const SIMULATOR_STORAGE_KEY = 'awaknow.tavus-simulator';
/** Where mock conversations of local data mode are called back: the embedded database records them. */
export const SIMULATED_CALLBACK_URL = 'https://simulator.tavus.local/callbacks/embedded-database';

/**
 * The composition root: the only place that turns the mode into concrete transports.
 * Mock mode is a transport (the simulator's fetch), not a branch in the features.
 */
export function composeServices(config: AppConfig): Services {
  // One client for the whole app (there is one Supabase project in a config), made on first use.
  let supabaseClient: (() => Promise<SupabaseClient>) | undefined;
  const supabaseFor = (data: SupabaseData) => (supabaseClient ??= once(() => createSupabase(data)));
  const { data } = config;
  const supabase = data.mode === 'supabase' ? supabaseFor(data) : undefined;

  // The dev server's shared database (VITE_LOCAL_DATA=dev-server): each browser is its own account there,
  // so the second person of a session together is another browser, never a guest tab.
  const devServer = config.data.mode === 'local' && config.data.store === 'dev-server';
  // A tab opened on an invite's link is the second person of a session together: the local guest.
  const guestTab =
    config.data.mode === 'local' && !devServer && typeof window !== 'undefined' && isLocalGuestTab(window.location, window.sessionStorage);
  const embedded =
    config.data.mode !== 'local'
      ? undefined
      : devServer
        ? once(async () => (await import('@/lib/db/remote/browser')).createDevServerDb())
        : once(async () => (await import('@/lib/db/embedded/browser')).createBrowserEmbeddedDb({ asGuest: guestTab }));
  // Mock mode with local data: the simulator's callbacks go where the webhook's would, the database.
  // With Supabase data the webhook is a real server the simulator cannot reach: it sends none.
  const callbacksToDatabase = config.tavus.mode === 'mock' && embedded !== undefined;

  const getSimulator = once(async () => {
    const { createTavusSimulator } = await import('@/lib/tavus/simulator');
    return createTavusSimulator({
      storage: window.localStorage,
      storageKey: SIMULATOR_STORAGE_KEY,
      ...(callbacksToDatabase
        ? { callbacks: { deliver: async (envelope) => (await embedded!()).recordTavusCallback({ ...envelope }) } }
        : {}),
    });
  });

  const tavus = once(async () => {
    const { createTavusClient } = await import('@/lib/tavus');
    if (isProxyConfig(config)) {
      const proxy = proxyTransport(config, supabaseFor(config.data));
      return createTavusClient({
        baseUrl: `${proxy.functionsUrl}/tavus`,
        headers: async (): Promise<Record<string, string>> => {
          const token = await proxy.getAccessToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      });
    }
    if (config.tavus.mode === 'mock') {
      const simulator = await getSimulator();
      const client = createTavusClient({ baseUrl: 'https://simulator.tavus.local', apiKey: 'mock', fetch: simulator.fetch });
      exposeForDevelopers({ tavus: client, simulator });
      return client;
    }
    return createTavusClient({ baseUrl: config.tavus.baseUrl, apiKey: config.tavus.apiKey });
  });

  const db = once(async () => {
    if (data.mode === 'supabase') {
      const { createSupabaseDb } = await import('@/lib/db');
      return createSupabaseDb(await supabaseFor(data)());
    }
    return embedded!();
  });

  const sessions = once(async (): Promise<SessionGateway> => {
    if (isProxyConfig(config)) {
      const { createProxySessions } = await import('@/lib/sessions/proxy');
      return createProxySessions(proxyTransport(config, supabaseFor(config.data)));
    }
    // both at once: the wrapper of local data mode's end is no part of the first page either
    const [{ createClientSessions }, callbacksFirst] = await Promise.all([
      import('@/lib/sessions/client'),
      callbacksToDatabase ? import('@/lib/sessions/callbacks-first') : undefined,
    ]);
    const tavusConfig = callbacksToDatabase ? { ...config, tavus: { ...config.tavus, callbackUrl: SIMULATED_CALLBACK_URL } } : config;
    const gateway = createClientSessions({
      db,
      tavus,
      config: tavusConfig,
      callTransport: config.tavus.mode === 'mock' ? 'simulated' : 'daily',
    });
    return callbacksFirst ? callbacksFirst.endAfterSimulatorCallbacks(gateway, getSimulator) : gateway;
  });

  return {
    config,
    tavus,
    db,
    sessions,
    ...(supabase ? { supabase } : {}),
    ...(config.tavus.mode === 'mock' ? { simulator: getSimulator } : {}),
    // the two people of a call together are in two browsers: their room goes through the dev server
    ...(devServer && config.tavus.mode === 'mock'
      ? { simulatedRoom: async () => (await import('@/lib/db/remote/browser')).devServerRoomLink() }
      : {}),
    ...(callbacksToDatabase ? { simulatedCallbacks: true } : {}),
    // One local user per browser: what this browser last saw is that user's.
    ...(config.data.mode === 'local' && !guestTab ? { knownHome: true as const } : {}),
    // Supabase: kept per user, the one the stored session names (read again at each page's start).
    ...(data.mode === 'supabase' ? { knownHome: { userId: () => storedUserId(supabaseStorageKey(data.url)) } } : {}),
  };
}

async function createSupabase(data: SupabaseData): Promise<SupabaseClient> {
  const { createClient } = await import('@supabase/supabase-js');
  // The key named explicitly (it is supabase-js's default): the start-up read of the stored session uses the same.
  return createClient(data.url, data.anonKey, {
    auth: { persistSession: true, detectSessionInUrl: true, storageKey: supabaseStorageKey(data.url) },
  });
}

/** The `tavus` function of the project, reached with the signed-in user's JWT. */
function proxyTransport(config: ProxyConfig, supabase: () => Promise<SupabaseClient>) {
  return {
    functionsUrl: `${config.data.url.replace(/\/+$/, '')}/functions/v1`,
    getAccessToken: async () => (await (await supabase()).auth.getSession()).data.session?.access_token ?? null,
  };
}

/** In mock mode, `awaknow.tavus` in the console is the client and `awaknow.simulator` its fault panel. */
function exposeForDevelopers(handles: Record<string, unknown>) {
  const w = window as unknown as { awaknow?: Record<string, unknown> };
  w.awaknow = { ...(w.awaknow ?? {}), ...handles };
}
