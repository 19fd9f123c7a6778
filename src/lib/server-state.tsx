import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider, type Query, type UseQueryResult } from '@tanstack/react-query';
import { ServicesContext, type Services } from './services';

/**
 * Every cache key of the app. Whatever the database holds starts with `db`, so one change reported
 * by the database (`AppDb.subscribe`) marks all of it stale; the studio's reads start with `studio`.
 */
export const queryKeys = {
  db: ['db'] as const,
  home: ['db', 'home'] as const,
  session: (id: string | undefined) => ['db', 'session', id ?? null] as const,
  sessionHistory: (page: number, pageSize: number) => ['db', 'history', page, pageSize] as const,
  usage: ['db', 'usage'] as const,
  /** The user's kept choices: language and memory. */
  settings: ['db', 'settings'] as const,
  /** Read again once the charge changes (a shutdown callback settling it). */
  secondsLeft: (afterCharge: number | null) => ['db', 'usage', 'seconds-left', afterCharge] as const,
  transcript: (sessionId: string) => ['db', 'session', sessionId, 'transcript'] as const,
  /** What `/session/:id` shows, as read (before any end the read asks for). */
  sessionView: (id: string | undefined) => ['db', 'session', id ?? null, 'view'] as const,
  /** What the studio reads (Tavus's resources and the persona rows): not tied to the sessions' change feed. */
  studio: (...path: Array<string | number | null>) => ['studio', ...path] as const,
};

/**
 * The app's reads: no retry (a refusal of the database or of Tavus is shown as it is, and a retry
 * is the user's "Try again"), no refetch on focus (the change feed says when the data changed).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

const isDbQuery = (query: Query) => query.queryKey[0] === queryKeys.db[0];

/**
 * The services and the cache of what they read. The database's change feed (a session started or
 * ended in this tab, another tab or another device) invalidates every database read; it is followed
 * from the first such read on, so a page that never reads the database never loads it.
 */
export function ServicesProvider({ services, client, children }: { services: Services; client?: QueryClient; children: ReactNode }) {
  const [own] = useState(createQueryClient);
  const queries = client ?? own;

  useEffect(() => {
    let gone = false;
    let following = false;
    let unsubscribe: (() => void) | undefined;
    const follow = () => {
      following = true;
      services.db().then(
        (db) => {
          if (!gone) unsubscribe = db.subscribe(() => void queries.invalidateQueries({ queryKey: queryKeys.db }));
        },
        () => undefined, // the read itself reports the failure
      );
    };
    if (queries.getQueryCache().findAll({ predicate: isDbQuery }).length > 0) follow();
    const stopWatching = queries.getQueryCache().subscribe((event) => {
      if (!following && event.type === 'added' && isDbQuery(event.query)) follow();
    });
    return () => {
      gone = true;
      stopWatching();
      unsubscribe?.();
    };
  }, [services, queries]);

  return (
    <ServicesContext.Provider value={services}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </ServicesContext.Provider>
  );
}

/**
 * A read as the pages show it: the last answer (data or error; null before the first), and whether
 * it is current (false while a newer read, after a change or a reload, is under way).
 */
export function lastAnswer<T>(query: UseQueryResult<T>): { loaded: { data: T } | { error: unknown } | null; current: boolean } {
  const loaded = query.status === 'error' ? { error: query.error } : query.data !== undefined ? { data: query.data } : null;
  return { loaded, current: !query.isFetching && !query.isPlaceholderData };
}
