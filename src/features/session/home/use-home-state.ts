import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices, type Services } from '@/lib/services';
import type { Usage } from '@/lib/db';
import { resolveOpenSession, type OpenSessionState } from '../resolve';
import { heldByAnotherTab } from '../ownership';
import { explainError, type Explained } from '../messages';
import { firstVisitHome, lastKnownHome, rememberHome } from './known-state';

export type HomeState =
  | { phase: 'loading' }
  /** `known`: shown before the database answered (last kept, or a new database's); its answer follows. */
  | { phase: 'ready'; usage: Usage; open: OpenSessionState; known?: boolean }
  | { phase: 'error'; error: Explained };

/** Before the database answers: what this browser knows, where the services allow it, else loading. */
function initialState(services: Pick<Services, 'knownHome'>): HomeState {
  if (!services.knownHome) return { phase: 'loading' };
  return { phase: 'ready', ...(lastKnownHome() ?? firstVisitHome()), known: true };
}

/** Reads the plan's minutes and settles any open session (this tab, another tab, another device). */
export async function readHomeState(services: Pick<Services, 'db' | 'sessions' | 'config'>): Promise<HomeState> {
  try {
    const [db, gateway] = await Promise.all([services.db(), services.sessions()]);
    const { current, usage } = db.home
      ? await db.home()
      : await Promise.all([db.currentSession(), db.usage()]).then(([current, usage]) => ({ current, usage }));
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
  const [state, setState] = useState<HomeState>(() => initialState(services));
  const generation = useRef(0);
  // One read at a time: two reads settling the same orphan at once would race each other.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const read = useCallback(() => {
    const next = queue.current.then(() => readHomeState(services));
    queue.current = next.catch(() => undefined);
    return next;
  }, [services]);
  // A session ended on load stays reported after the refresh its own ending causes, whichever read wins.
  const endedOnLoad = useRef<OpenSessionState | null>(null);
  const remember = useCallback((next: HomeState): HomeState => {
    if (next.phase !== 'ready') return next;
    if (services.knownHome) rememberHome(next);
    if (next.open.kind === 'ended_on_leave' || next.open.kind === 'ended_at_limit') endedOnLoad.current = next.open;
    return next.open.kind === 'none' && endedOnLoad.current ? { ...next, open: endedOnLoad.current } : next;
  }, [services]);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    return read().then((next) => {
      const shown = remember(next);
      if (mine === generation.current) setState(shown);
    });
  }, [read, remember]);

  useEffect(() => {
    let gone = false;
    let unsubscribe: (() => void) | undefined;
    const mine = ++generation.current;
    void read().then((next) => {
      const shown = remember(next);
      if (!gone && mine === generation.current) setState(shown);
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
  }, [services, read, refresh, remember]);

  // A running session nobody here holds may be one another tab is just joining (its call screen
  // takes the session's lock as it opens, after the database's last word): look again, locally.
  const running = state.phase === 'ready' && state.open.kind === 'running' ? state.open.session : null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void heldByAnotherTab(running.id).then((held) => {
        if (held) setState((now) => (now.phase === 'ready' && now.open.kind === 'running' && now.open.session.id === running.id ? { ...now, open: { kind: 'other_tab', session: running } } : now));
      });
    }, OWNER_CHECK_MS);
    return () => clearInterval(timer);
  }, [running]);

  return { state, refresh };
}

const OWNER_CHECK_MS = 1_000;
