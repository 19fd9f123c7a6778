import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices, type Services } from '@/app/services';
import type { Usage } from '@/lib/db';
import { resolveOpenSession, type OpenSessionState } from '../resolve';
import { explainError, type Explained } from '../messages';

export type HomeState =
  | { phase: 'loading' }
  | { phase: 'ready'; usage: Usage; open: OpenSessionState }
  | { phase: 'error'; error: Explained };

/** Reads the plan's minutes and settles any open session (this tab, another tab, another device). */
export async function readHomeState(services: Pick<Services, 'db' | 'sessions' | 'config'>): Promise<HomeState> {
  try {
    const [db, gateway] = await Promise.all([services.db(), services.sessions()]);
    const [current, usage] = await Promise.all([db.currentSession(), db.usage()]);
    const open = await resolveOpenSession(current, gateway);
    // Ending an orphan changes the minutes left: read them again.
    const fresh = open.kind.startsWith('ended') ? await db.usage() : usage;
    return { phase: 'ready', usage: fresh, open };
  } catch (error) {
    return { phase: 'error', error: explainError(error, services.config.tavus.mode) };
  }
}

/**
 * What the start page needs, settled on load so that nothing is left orphaned, and read again when
 * the database reports a change to the user's sessions (another tab starting one, say).
 */
export function useHomeState(): { state: HomeState; refresh: () => Promise<void> } {
  const services = useServices();
  const [state, setState] = useState<HomeState>({ phase: 'loading' });
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    return readHomeState(services).then((next) => {
      if (mine === generation.current) setState(next);
    });
  }, [services]);

  useEffect(() => {
    let gone = false;
    let unsubscribe: (() => void) | undefined;
    const mine = ++generation.current;
    void readHomeState(services).then((next) => {
      if (!gone && mine === generation.current) setState(next);
    });
    services.db().then(
      (db) => {
        if (!gone) unsubscribe = db.subscribe(() => void refresh());
      },
      () => undefined, // the load failure is already shown
    );
    return () => {
      gone = true;
      unsubscribe?.();
    };
  }, [services, refresh]);

  return { state, refresh };
}
