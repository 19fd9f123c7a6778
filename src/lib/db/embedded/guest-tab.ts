const GUEST_TAB_KEY = 'awaknow.local-guest-tab';

/**
 * Whether this tab acts as the local guest (local-account.ts): it was opened on an invite's link
 * (`/join…`), now or before a reload (kept in this tab's sessionStorage, which other tabs do not share).
 */
export function isLocalGuestTab(location: Pick<Location, 'pathname'>, storage: Pick<Storage, 'getItem' | 'setItem'> | null): boolean {
  const joining = location.pathname === '/join' || location.pathname.startsWith('/join/');
  try {
    if (joining) storage?.setItem(GUEST_TAB_KEY, '1');
    return joining || storage?.getItem(GUEST_TAB_KEY) === '1';
  } catch {
    return joining;
  }
}
