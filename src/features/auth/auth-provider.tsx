import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthClient } from './auth-client';
import { AuthContext, type AuthContextValue } from './auth-context';
import { useAuthStore } from './auth-store';
import { readStoredSession } from './stored-session';

export interface AuthProviderProps {
  /**
   * Supabase mode: `supabase.auth`, or a function that loads it (supabase-js is loaded lazily).
   * Local data mode: leave it out; everyone is the embedded database's local user.
   */
  client?: AuthClient | (() => Promise<AuthClient>);
  /**
   * Supabase mode: the key supabase-js keeps the session under (`supabaseStorageKey`). Read before
   * the first render, so a stored session shows the page at once and none shows sign-in at once,
   * while supabase-js loads and has the last word.
   */
  storageKey?: string;
  children: ReactNode;
}

export function AuthProvider({ client, storageKey, children }: AuthProviderProps) {
  // Before the children's first render (they read the store): the entry is read once, synchronously.
  useState(() => {
    if (client !== undefined && storageKey !== undefined) useAuthStore.getState().restore(readStoredSession(storageKey));
    return null;
  });
  // Only a loader's result is state; a client passed as is is used directly. Pass a stable loader
  // (module scope or useMemo): a new function each render would load again.
  const [loaded, setLoaded] = useState<{ client: AuthClient | null; error: string | null }>({ client: null, error: null });

  useEffect(() => {
    if (client === undefined) {
      useAuthStore.getState().setLocal();
      return;
    }
    if (typeof client === 'object') return useAuthStore.getState().connect(client);
    let stop: (() => void) | undefined;
    let live = true;
    client().then(
      (auth) => {
        if (!live) return;
        setLoaded({ client: auth, error: null });
        stop = useAuthStore.getState().connect(auth);
      },
      (error: unknown) => {
        if (!live) return;
        const message = `Sign-in could not load (${error instanceof Error ? error.message : String(error)}). Check your connection and reload.`;
        setLoaded({ client: null, error: message });
        useAuthStore.setState({ status: 'signed_out', session: null, user: null, fromStorage: false, error: message });
      },
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [client]);

  const value = useMemo<AuthContextValue>(
    () => ({
      mode: client === undefined ? 'local' : 'supabase',
      client: typeof client === 'object' ? client : loaded.client,
      loadError: typeof client === 'function' ? loaded.error : null,
    }),
    [client, loaded],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
