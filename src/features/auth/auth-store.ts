import { create } from 'zustand';
import type { AuthClient, Session, User } from './auth-client';
import { authMessage } from './messages';

/**
 * `loading` until the stored session is read; `local` in local data mode, where the embedded
 * database's one user is always there and nobody signs in.
 */
export type AuthStatus = 'loading' | 'signed_out' | 'signed_in' | 'local';

export type AuthOutcome = { ok: true } | { ok: false; message: string };

interface AuthState {
  status: AuthStatus;
  session: Session | null;
  user: User | null;
  /** Why the stored session could not be read, if it could not. */
  error: string | null;

  /** Reads the stored session and follows every change (other tabs, magic links, expiry). */
  connect(client: AuthClient): () => void;
  setLocal(): void;
  setSession(session: Session | null): void;
  sendCode(client: AuthClient, email: string, redirectTo: string): Promise<AuthOutcome>;
  verifyCode(client: AuthClient, email: string, code: string): Promise<AuthOutcome>;
  continueAsGuest(client: AuthClient): Promise<AuthOutcome>;
  signOut(client: AuthClient): Promise<AuthOutcome>;
  reset(): void;
}

const initial = { status: 'loading' as AuthStatus, session: null, user: null, error: null };

export const useAuthStore = create<AuthState>()((set, get) => ({
  ...initial,

  connect(client) {
    set({ ...initial });
    let live = true;
    const { data } = client.onAuthStateChange((_event, session) => get().setSession(session));
    client.getSession().then(
      ({ data: stored, error }) => {
        if (!live) return;
        if (error) set({ status: 'signed_out', session: null, user: null, error: authMessage(error, 'Reading your sign-in') });
        else get().setSession(stored.session);
      },
      (error: unknown) => live && set({ status: 'signed_out', error: authMessage({ message: String(error) }, 'Reading your sign-in') }),
    );
    return () => {
      live = false;
      data.subscription.unsubscribe();
    };
  },

  setLocal() {
    set({ status: 'local', session: null, user: null, error: null });
  },

  setSession(session) {
    set(session ? { status: 'signed_in', session, user: session.user, error: null } : { status: 'signed_out', session: null, user: null });
  },

  async sendCode(client, email, redirectTo) {
    const { error } = await client.signInWithOtp({ email, options: { emailRedirectTo: redirectTo, shouldCreateUser: true } });
    return error ? { ok: false, message: authMessage(error, 'Sending the email') } : { ok: true };
  },

  async verifyCode(client, email, code) {
    const { data, error } = await client.verifyOtp({ email, token: code, type: 'email' });
    if (error) return { ok: false, message: authMessage(error, 'Checking the code') };
    if (!data.session) return { ok: false, message: 'The code was accepted but no session came back. Send a new code and try again.' };
    get().setSession(data.session);
    return { ok: true };
  },

  async continueAsGuest(client) {
    const { data, error } = await client.signInAnonymously();
    if (error) return { ok: false, message: authMessage(error, 'Continuing as a guest') };
    if (!data.session) return { ok: false, message: 'Guest sign-in returned no session. Try again.' };
    get().setSession(data.session);
    return { ok: true };
  },

  async signOut(client) {
    const { error } = await client.signOut();
    if (error) return { ok: false, message: authMessage(error, 'Signing out') };
    get().setSession(null);
    return { ok: true };
  },

  reset() {
    set({ ...initial });
  },
}));
