import { createContext, useContext } from 'react';
import type { AppConfig } from '@/config';
import type { TavusClient } from '@/lib/tavus';
import type { AppDb } from '@/lib/db';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { SessionGateway } from '@/lib/sessions/types';
import type { TavusSimulator } from '@/lib/tavus/simulator';
import type { OpenRoomLink } from '@/lib/room-link';

/**
 * Everything the features need from the outside world. Each getter loads its module on first use,
 * so the simulator, PGlite and supabase-js never weigh on the first paint.
 */
export interface Services {
  config: AppConfig;
  tavus(): Promise<TavusClient>;
  db(): Promise<AppDb>;
  /** Starts and ends reflection sessions: in the browser (mock, direct) or through the server (proxy). */
  sessions(): Promise<SessionGateway>;
  /** Only in supabase data mode. */
  supabase?: () => Promise<SupabaseClient>;
  /** Only in mock mode: the simulated Tavus, for its fault controls. */
  simulator?: () => Promise<TavusSimulator>;
  /**
   * Set when the simulator's callbacks reach the database (mock mode with local data): a simulated
   * call's transcript then arrives after it, as a real call's does.
   */
  simulatedCallbacks?: boolean;
  /**
   * The start page shows what it knows before the database answers (the state it last reported in
   * this browser, or a new local database's) and keeps each answer for the next visit. Set by the
   * composition root: `true` in local data mode (one local user); in supabase data mode, `userId`
   * says whose state it is (the signed-in user's, from the stored session; null: the page waits),
   * and a user's first visit waits for the database. Absent, the page always waits.
   */
  knownHome?: true | { userId: () => string | null };
  /**
   * How the two people of a simulated call together reach each other, when not by this browser's
   * BroadcastChannel (the default): the dev server's relay, with VITE_LOCAL_DATA=dev-server. Loaded
   * by the call that needs it (deferredRoomLink), so that it is no part of the first page.
   */
  simulatedRoom?: () => Promise<OpenRoomLink>;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <App>');
  return services;
}
