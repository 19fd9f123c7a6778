/** Where the start page's last known state is kept in localStorage (known-state.ts writes it). */
export const KNOWN_HOME_KEY = 'awaknow.home';

/**
 * A signed-in user's own (supabase data mode): each user's apart in the browser they used, and
 * forgotten when they sign out (auth-store.ts), so the next person at a shared computer sees none of it.
 */
export function userHomeKey(userId: string): string {
  return `${KNOWN_HOME_KEY}.${userId}`;
}
