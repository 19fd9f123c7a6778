import { firstUsage } from 'virtual:awaknow-embedded-db';
import type { Usage } from '@/lib/db';
import type { OpenSessionState } from '../resolve';
import { KNOWN_HOME_KEY } from '@/lib/known-home-key';

/** The start page's state as shown before the database answers: nothing on the first screen waits for it. */
export interface KnownHome {
  usage: Usage;
  open: OpenSessionState;
}

const KEY = KNOWN_HOME_KEY;

/**
 * What a new local database holds: the usage the prebuilt database reported for a new user when it
 * was made, in the billing period of `now` (the calendar month in UTC, as private.period_start_for
 * makes it), and no session.
 */
export function firstVisitHome(template: Usage = firstUsage, now = new Date()): KnownHome {
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
  return {
    usage: { ...template, periodEnd, subscription: { ...template.subscription, periodStart, periodEnd } },
    open: { kind: 'none' },
  };
}

/** The state the database last reported in this browser, if it was kept and still reads as one. */
export function lastKnownHome(storage: Storage | undefined = globalThis.localStorage, key = KEY): KnownHome | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const known = JSON.parse(raw) as Partial<KnownHome> | null;
    const usage = known?.usage;
    const usable =
      typeof usage?.secondsLeft === 'number' &&
      typeof usage.plan?.name === 'string' &&
      typeof usage.subscription?.status === 'string' &&
      typeof known?.open?.kind === 'string';
    return usable ? (known as KnownHome) : null;
  } catch {
    return null; // storage refused or unreadable: the database's answer follows
  }
}

/** Keeps what the database reported for the next visit. A one-off notice (a session ended on load) is not kept. */
export function rememberHome(known: KnownHome, storage: Storage | undefined = globalThis.localStorage, key = KEY): void {
  const open = known.open.kind === 'ended_on_leave' || known.open.kind === 'ended_at_limit' ? { kind: 'none' as const } : known.open;
  try {
    storage?.setItem(key, JSON.stringify({ usage: known.usage, open }));
  } catch {
    // full or refused: the next visit waits for the database instead
  }
}
