import type { AuthChangeEvent, Session, User } from '@supabase/supabase-js';
import type { AuthClient, AuthFailure } from '@/features/auth';

export function fakeSession(id = 'user-1', email: string | undefined = 'ada@example.com'): Session {
  return {
    access_token: `token-${id}`,
    refresh_token: `refresh-${id}`,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    user: { id, email, aud: 'authenticated', app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() },
  } as Session;
}

export function authError(message: string, code?: string, status = 400): AuthFailure {
  return { name: 'AuthApiError', message, code, status };
}

/** The few `supabase.auth` methods sign-in uses, recording calls; `emit` plays supabase-js's events. */
export function fakeAuth(start: Session | null = null) {
  const listeners = new Set<(event: AuthChangeEvent, session: Session | null) => void>();
  const client = {
    getSession: vi.fn(async () => ({ data: { session: start }, error: null })),
    onAuthStateChange: vi.fn((callback: (event: AuthChangeEvent, session: Session | null) => void) => {
      listeners.add(callback);
      return { data: { subscription: { unsubscribe: () => void listeners.delete(callback) } } };
    }),
    signInWithOtp: vi.fn(async (_credentials: Parameters<AuthClient['signInWithOtp']>[0]) => ({
      data: {},
      error: null as AuthFailure | null,
    })),
    verifyOtp: vi.fn(async (_params: Parameters<AuthClient['verifyOtp']>[0]) => {
      const session = fakeSession();
      return { data: { session: session as Session | null, user: session.user as User | null }, error: null as AuthFailure | null };
    }),
    signInAnonymously: vi.fn(async () => {
      const session = fakeSession('guest-1', undefined);
      return { data: { session: session as Session | null, user: session.user as User | null }, error: null as AuthFailure | null };
    }),
    signOut: vi.fn(async () => ({ error: null as AuthFailure | null })),
    emit(event: AuthChangeEvent, session: Session | null) {
      for (const listener of listeners) listener(event, session);
    },
  };
  return client satisfies AuthClient;
}
