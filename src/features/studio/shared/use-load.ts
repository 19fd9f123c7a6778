import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer, and again while a reload runs (the previous data stays shown). */
  loading: boolean;
  reload(): void;
}

/**
 * Runs `load` now and on every reload; a newer run cancels the older one through its signal, so a
 * slow first answer never overwrites a newer one. `load` must be stable (useCallback).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ version: number; load?: unknown; data?: T; error?: unknown }>({ version: -1 });

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ version, load, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ version, load, data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.version !== version || state.load !== load, reload };
}

/** Calls `tick` every `intervalMs` while `active`; stops on unmount or when inactive. */
export function usePoll(active: boolean, intervalMs: number, tick: () => void): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, tick]);
}
