import { describe, expect, it } from 'vitest';
import { localAccountKey } from '@/lib/db/remote/account-key';

// A browser's account in the dev server's shared database: made once, kept, and never guessable.

function storage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe("a browser's local account key", () => {
  it('is 32 random bytes in hex, made on first use and the same on every later one', () => {
    const store = storage();
    const key = localAccountKey(store);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(localAccountKey(store)).toBe(key);
    expect(localAccountKey(storage())).not.toBe(key);
  });

  it('replaces a kept value that is not such a key, rather than sending it', () => {
    const store = storage({ 'awaknow.local-account': 'not-a-key' });
    const key = localAccountKey(store);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(store.items.get('awaknow.local-account')).toBe(key);
  });
});
