import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices, type Services } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Usage } from '@/lib/db';
import { inspectOpenSession, settleOpenSession, type OpenSessionState, type SessionToEnd } from '../resolve';
import { heldByAnotherTab } from '../ownership';
import type { Explained } from '../messages';
import { explainLater } from './explain-later';
import { firstVisitHome, lastKnownHome, rememberHome } from './known-state';
import { userHomeKey } from '@/lib/known-home-key';

export type HomeState =
  | { phase: 'loading' }
  /** `known`: shown before the database answered (last kept, or a new database's); its answer follows. */
  | { phase: 'ready'; usage: Usage; open: OpenSessionState; known?: boolean }
  | { phase: 'error'; error: Explained };

/** Where this page's state is kept: the local user's, the signed-in user's, or (null) nowhere. */
function knownKey(known: Services['knownHome']): string | undefined | null {
  if (known === true) return undefined; // the local user's: lastKnownHome's own key
  const userId = known?.userId() ?? null;
  return userId === null ? null : userHomeKey(userId);
}

/** Before the database answers: what this browser knows, where the services allow it, else loading. */
function initialState(services: Pick<Services, 'knownHome'>): HomeState {
  const key = knownKey(services.knownHome);
  if (key === null) return { phase: 'loading' };
  // A new local database's state is known without asking; a signed-in user's first visit is not.
  const known = lastKnownHome(undefined, key) ?? (key === undefined ? firstVisitHome() : null);
  return known ? { phase: 'ready', ...known, known: true } : { phase: 'loading' };
}

/** The plan's minutes and the open session (this tab, another tab, another device), as they are: nothing is written. */
export async function readHomeState(services: Pick<Services, 'db'>): Promise<{ usage: Usage; open: OpenSessionState | SessionToEnd }> {
  const db = await services.db();
  const { current, usage } = db.home
    ? await db.home()
    : await Promise.all([db.currentSession(), db.usage()]).then(([current, usage]) => ({ current, usage }));
  return { usage, open: await inspectOpenSession(current) };
}

/**
 * What the start page needs, read again when the database reports a change to the user's sessions
 * (another tab starting one, say). A session the read finds orphaned (its tab left, its time is up)
 * is ended by an action of its own, once, and the page reads again: nothing is left orphaned.
 */
export function useHomeState(): { state: HomeState; refresh: () => Promise<void> } {
  const services = useServices();
  const queries = useQueryClient();
  const [initial] = useState(() => initialState(services));
  const query = useQuery({ queryKey: queryKeys.home, queryFn: () => readHomeState(services) });
  // A session ended on load stays reported after the read its own ending causes.
  const [endedOnLoad, setEndedOnLoad] = useState<OpenSessionState | null>(null);
  const settledFor = useRef<string | null>(null);
  const settle = useMutation({
    mutationFn: async (found: SessionToEnd) => settleOpenSession(found, await services.sessions()),
    onSuccess: (ended) => {
      setEndedOnLoad(ended);
      // Ending it changed the minutes left: the page shows the ending with the new figures.
      return queries.invalidateQueries({ queryKey: queryKeys.db });
    },
  });
  const found = query.data?.open;
  const toEnd = found?.kind === 'to_end' ? found : null;
  const { mutate, reset } = settle;
  useEffect(() => {
    if (!toEnd || settledFor.current === toEnd.session.id) return;
    settledFor.current = toEnd.session.id;
    mutate(toEnd);
  }, [toEnd, mutate]);

  // A running session nobody here holds may be one another tab is just joining (its call screen
  // takes the session's lock as it opens, after the database's last word): look again, locally.
  const [heldElsewhere, setHeldElsewhere] = useState<string | null>(null);
  const running = found?.kind === 'running' ? found.session : null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void heldByAnotherTab(running.id).then((held) => held && setHeldElsewhere(running.id));
    }, OWNER_CHECK_MS);
    return () => clearInterval(timer);
  }, [running]);

  const mode = services.config.tavus.mode;
  const failure = settle.isError ? settle.error : query.isError && !query.isFetching ? query.error : null;
  // A failure's words load with it (the catalogue is no part of the first page); until then the page stays as it was.
  const [explained, setExplained] = useState<{ failure: unknown; error: Explained } | null>(null);
  useEffect(() => {
    if (!failure) return;
    let live = true;
    void explainLater(failure, mode).then((error) => live && setExplained({ failure, error }));
    return () => {
      live = false;
    };
  }, [failure, mode]);
  const state = useMemo((): HomeState => {
    if (failure) return explained?.failure === failure ? { phase: 'error', error: explained.error } : initial;
    if (!query.data || query.data.open.kind === 'to_end') return initial;
    const read = query.data.open;
    let open: OpenSessionState = read.kind === 'none' && endedOnLoad ? endedOnLoad : read;
    if (open.kind === 'running' && open.session.id === heldElsewhere) open = { kind: 'other_tab', session: open.session };
    return { phase: 'ready', usage: query.data.usage, open };
  }, [failure, explained, query.data, initial, endedOnLoad, heldElsewhere]);

  useEffect(() => {
    const key = knownKey(services.knownHome);
    if (key !== null && state.phase === 'ready' && !state.known) rememberHome(state, undefined, key);
  }, [state, services.knownHome]);

  const refresh = useCallback(async () => {
    settledFor.current = null;
    reset();
    await queries.refetchQueries({ queryKey: queryKeys.home });
  }, [reset, queries]);

  return { state, refresh };
}

const OWNER_CHECK_MS = 1_000;
