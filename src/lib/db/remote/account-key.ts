import { ACCOUNT_KEY_PATTERN } from './paths';

const ACCOUNT_KEY = 'awaknow.local-account';

/**
 * This browser's account in the dev server's shared database: a random key made on first use and
 * kept in localStorage, so each browser (each profile) is one person, and every tab of it the same.
 * Nobody can guess another browser's key (32 random bytes), so nobody can act as that browser.
 */
export function localAccountKey(storage: Pick<Storage, 'getItem' | 'setItem'>): string {
  const known = storage.getItem(ACCOUNT_KEY);
  if (known && ACCOUNT_KEY_PATTERN.test(known)) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  storage.setItem(ACCOUNT_KEY, key);
  return key;
}
