import { createContext, useContext } from 'react';
import type { AuthClient } from './auth-client';

export interface AuthContextValue {
  /** `local`: the embedded database's user, no sign-in. */
  mode: 'local' | 'supabase';
  /** Null in local mode, and in supabase mode until supabase-js has loaded. */
  client: AuthClient | null;
  /** Why supabase-js could not be loaded, if it could not. */
  loadError: string | null;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuthContext(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('Sign-in components must be inside <AuthProvider>.');
  return value;
}
