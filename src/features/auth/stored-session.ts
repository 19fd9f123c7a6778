import type { Session } from './auth-client';

/**
 * What supabase-js left in this browser, read synchronously so that the first paint need not wait
 * for supabase-js to load:
 * - `valid`: a session that supabase-js will use as is (the page renders at once; supabase-js confirms);
 * - `expired`: one supabase-js will refresh first (or drop): the page waits for its answer;
 * - `none`: nothing usable (absent, unreadable or malformed): straight to sign-in. Nothing is written.
 *
 * The session is never used to send anything: every request goes through supabase-js with the
 * session it has itself restored (and refreshed).
 */
export type StoredSession = { kind: 'none' } | { kind: 'expired' } | { kind: 'valid'; session: Session };

/**
 * supabase-js's default key for the session: `sb-${baseUrl.hostname.split('.')[0]}-auth-token`
 * (@supabase/supabase-js 2.109.0, dist/index.mjs, the SupabaseClient constructor's
 * `defaultStorageKey`). The composition root passes it to `createClient` too, so both agree.
 */
export function supabaseStorageKey(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/**
 * supabase-js refreshes a session that expires within this margin before using it
 * (@supabase/auth-js 2.109.0, lib/constants.js: EXPIRY_MARGIN_MS = 3 ticks of 30 s).
 */
const EXPIRY_MARGIN_MS = 90_000;

/**
 * Reads the entry as @supabase/auth-js 2.109.0 writes it: `_saveSession` stores the session with
 * `setItemAsync` (lib/helpers.js: `storage.setItem(key, JSON.stringify(session))`), and
 * `_recoverAndRefresh` keeps it only if it has `access_token`, `refresh_token` and `expires_at`
 * (`_isValidSession`; `expires_at` in seconds). Without a separate user storage (this app sets
 * none) the user is in the entry; one without a user id is not shown as signed in.
 */
export function readStoredSession(key: string, storage: Storage | undefined = globalThis.localStorage, now = Date.now()): StoredSession {
  let value: unknown;
  try {
    const raw = storage?.getItem(key);
    if (!raw) return { kind: 'none' };
    value = JSON.parse(raw);
  } catch {
    return { kind: 'none' }; // storage refused or not JSON
  }
  if (typeof value !== 'object' || value === null) return { kind: 'none' };
  const session = value as Partial<Record<keyof Session, unknown>>;
  const user = session.user as { id?: unknown } | null | undefined;
  const wellFormed =
    typeof session.access_token === 'string' &&
    session.access_token !== '' &&
    typeof session.refresh_token === 'string' &&
    typeof session.expires_at === 'number' &&
    Number.isFinite(session.expires_at) &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    user.id !== '';
  if (!wellFormed) return { kind: 'none' };
  if ((session.expires_at as number) * 1000 - now < EXPIRY_MARGIN_MS) return { kind: 'expired' };
  return { kind: 'valid', session: value as Session };
}

/** The user of the stored session supabase-js will use as is, if any: whose the first paint's page is. */
export function storedUserId(key: string, storage: Storage | undefined = globalThis.localStorage): string | null {
  const stored = readStoredSession(key, storage);
  return stored.kind === 'valid' ? stored.session.user.id : null;
}
