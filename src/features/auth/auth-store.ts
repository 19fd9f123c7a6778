import { create } from 'zustand';
import type { AuthClient, AuthFailure, Session, User } from './auth-client';
import type { StoredSession } from './stored-session';
import { userHomeKey } from '@/lib/known-home-key';

/**
 * A failure's words (messages.ts) load with the failure: they are no part of the first page. Should
 * they not load (offline, say), the failure's own message stands in.
 */
const authMessage = (error: AuthFailure, action: string): Promise<string> =>
  import('./messages').then(
    (words) => words.authMessage(error, action),
    () => error.message || action,
  );

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
  /**
   * Set while the status comes from what supabase-js left in this browser, before supabase-js has
   * loaded and said so itself: its first answer (confirming, refreshing or refusing) replaces it.
   */
  fromStorage: boolean;

  /** Starts from what supabase-js stored (read synchronously, before it loads). */
  restore(stored: StoredSession): void;
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

const initial = { status: 'loading' as AuthStatus, session: null, user: null, error: null, fromStorage: false };

export const useAuthStore = create<AuthState>()((set, get) => ({
  ...initial,

  restore(stored) {
    if (stored.kind === 'valid')
      set({ ...initial, status: 'signed_in', session: stored.session, user: stored.session.user, fromStorage: true });
    // An expired session waits for supabase-js's refresh (or refusal); none goes to sign-in at once.
    else set({ ...initial, status: stored.kind === 'expired' ? 'loading' : 'signed_out', fromStorage: true });
  },

  connect(client) {
    // What was read from storage stands until the client answers, so the page does not flicker back.
    if (!get().fromStorage) set({ ...initial });
    let live = true;
    const { data } = client.onAuthStateChange((_event, session) => get().setSession(session));
    const refused = async (error: AuthFailure) => {
      const message = await authMessage(error, 'Reading your sign-in');
      if (live) set({ status: 'signed_out', session: null, user: null, fromStorage: false, error: message });
    };
    client.getSession().then(
      ({ data: stored, error }) => {
        if (!live) return;
        if (error) void refused(error);
        else get().setSession(stored.session);
      },
      (error: unknown) => void refused({ message: String(error) }),
    );
    return () => {
      live = false;
      data.subscription.unsubscribe();
    };
  },

  setLocal() {
    set({ status: 'local', session: null, user: null, error: null, fromStorage: false });
  },

  setSession(session) {
    set(
      session
        ? { status: 'signed_in', session, user: session.user, error: null, fromStorage: false }
        : { status: 'signed_out', session: null, user: null, fromStorage: false },
    );
  },

  async sendCode(client, email, redirectTo) {
    const { error } = await client.signInWithOtp({ email, options: { emailRedirectTo: redirectTo, shouldCreateUser: true } });
    return error ? { ok: false, message: await authMessage(error, 'Sending the email') } : { ok: true };
  },

  async verifyCode(client, email, code) {
    const { data, error } = await client.verifyOtp({ email, token: code, type: 'email' });
    if (error) return { ok: false, message: await authMessage(error, 'Checking the code') };
    if (!data.session) return { ok: false, message: 'The code was accepted but no session came back. Send a new code and try again.' };
    get().setSession(data.session);
    return { ok: true };
  },

  async continueAsGuest(client) {
    const { data, error } = await client.signInAnonymously();
    if (error) return { ok: false, message: await authMessage(error, 'Continuing as a guest') };
    if (!data.session) return { ok: false, message: 'Guest sign-in returned no session. Try again.' };
    get().setSession(data.session);
    return { ok: true };
  },

  async signOut(client) {
    const { error } = await client.signOut();
    if (error) return { ok: false, message: await authMessage(error, 'Signing out') };
    const userId = get().user?.id;
    try {
      if (userId) globalThis.localStorage?.removeItem(userHomeKey(userId)); // their plan and minutes, kept for a quick start
    } catch {
      // storage refused: nothing was kept there either
    }
    get().setSession(null);
    return { ok: true };
  },

  reset() {
    set({ ...initial });
  },
}));
