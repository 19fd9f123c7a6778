import { useEffect } from 'react';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer, and again while a reload runs (the previous data stays shown). */
  loading: boolean;
  reload(): void;
}

/**
 * What a studio page reads, cached under `key` (from `queryKeys`): read on first use and on every
 * reload; a newer read cancels the older one through its signal, so a slow first answer never
 * overwrites a newer one. While another key's answer loads, the last one stays shown.
 */
export function useLoad<T>(key: QueryKey, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => load(signal), placeholderData: keepPreviousData });
  const { refetch } = query;
  return { data: query.data, error: query.error ?? undefined, loading: query.isFetching, reload: () => void refetch() };
}

/** Calls `tick` every `intervalMs` while `active`; stops on unmount or when inactive. */
export function usePoll(active: boolean, intervalMs: number, tick: () => void): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, tick]);
}
