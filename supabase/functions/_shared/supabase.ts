import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/** Server-side clients: no session storage, no token refresh, one injectable fetch. */
const serverAuth = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/**
 * The functions never subscribe to realtime; naming a transport that refuses to connect keeps
 * supabase-js from looking for a WebSocket, which the handlers' Node tests (Node 20) do not have.
 */
class NoRealtime {
  constructor() {
    throw new Error('The edge functions do not use Supabase Realtime.');
  }
}
const realtime = { transport: NoRealtime as never };

/**
 * Acts as the server (service role): for what no user may do, such as writing sessions in a proxy
 * deployment (for the user of a verified JWT) and recording callbacks.
 */
export function serviceClient(url: string, serviceRoleKey: string, fetch: typeof globalThis.fetch): SupabaseClient {
  return createClient(url, serviceRoleKey, { auth: serverAuth, realtime, global: { fetch } });
}

export function anonClient(url: string, anonKey: string, fetch: typeof globalThis.fetch): SupabaseClient {
  return createClient(url, anonKey, { auth: serverAuth, realtime, global: { fetch } });
}
