import type { AuthChangeEvent, Session, SupabaseClient, User } from '@supabase/supabase-js';

/** What an auth failure carries; supabase-js's AuthError has these fields. */
export interface AuthFailure {
  message: string;
  name?: string;
  code?: string | undefined;
  status?: number | undefined;
}

type Result<T> = Promise<{ data: T; error: AuthFailure | null }>;

/**
 * The few methods of `supabase.auth` that sign-in uses, so that components take the client as a
 * prop or from context (never a global) and tests can pass a small fake.
 */
export interface AuthClient {
  getSession(): Result<{ session: Session | null }>;
  onAuthStateChange(callback: (event: AuthChangeEvent, session: Session | null) => void): {
    data: { subscription: { unsubscribe(): void } };
  };
  signInWithOtp(credentials: { email: string; options?: { emailRedirectTo?: string; shouldCreateUser?: boolean } }): Result<unknown>;
  verifyOtp(params: { email: string; token: string; type: 'email' }): Result<{ session: Session | null; user: User | null }>;
  signInAnonymously(): Result<{ session: Session | null; user: User | null }>;
  signOut(): Promise<{ error: AuthFailure | null }>;
}

export type { Session, User };

// supabase-js's auth client must satisfy the interface, so the app can pass `supabase.auth` as is.
type SupabaseAuthFits = SupabaseClient['auth'] extends AuthClient ? true : false;
const supabaseAuthFits: SupabaseAuthFits = true;
void supabaseAuthFits;
