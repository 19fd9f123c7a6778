/**
 * Which tab runs a session's call. The tab in the call holds a Web Lock named after the session:
 * the browser releases it when the tab closes, reloads or crashes, so a held lock means "another
 * tab of this browser is in the call" and a free one means "nobody here is". A tab that leaves the
 * call by closing or reloading also writes a timed note: the next load reads it and either returns
 * to the call or ends the session (see resolveOpenSession).
 */
import { END_REASON_PATTERN } from '@/lib/rules';
import { forgetNote, keepNote, readNote } from './session-note';

const LOCK_PREFIX = 'awaknow.session.';
const LEFT_PREFIX = 'awaknow.left.';

type LockManagerLike = Pick<LockManager, 'request' | 'query'>;

function locks(): LockManagerLike | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** True when another tab of this browser holds the session's call. */
export async function heldByAnotherTab(sessionId: string): Promise<boolean> {
  const manager = locks();
  if (!manager) return false;
  const state = await manager.query();
  return (state.held ?? []).some((lock) => lock.name === LOCK_PREFIX + sessionId);
}

export interface CallHold {
  /** False when another tab already holds it. */
  acquired: Promise<boolean>;
  release(): void;
}

/**
 * Takes the session's lock for as long as this tab is in the call. A lock just released (by this
 * page remounting the call, or a tab that is closing) is asked for again a few times before
 * concluding that another tab holds it.
 */
export function holdCall(sessionId: string, attempts = 4, pauseMs = 150): CallHold {
  const manager = locks();
  if (!manager) return { acquired: Promise.resolve(true), release: () => undefined };
  let release: () => void = () => undefined;
  let releasedEarly = false;
  const released = new Promise<void>((resolve) => {
    release = () => {
      releasedEarly = true;
      resolve();
    };
  });
  const tryOnce = () =>
    new Promise<boolean>((resolve) => {
      manager
        .request(LOCK_PREFIX + sessionId, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          return lock ? released : undefined;
        })
        .catch(() => resolve(true)); // no lock support in this context: act alone
    });
  const acquired = (async () => {
    for (let attempt = 1; ; attempt += 1) {
      if (releasedEarly) return true;
      if (await tryOnce()) return true;
      if (attempt >= attempts) return false;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return { acquired, release: () => release() };
}

export interface LeftNote {
  reason: string;
  at: number;
}

// When storage refuses, the sweep of stale sessions ends the session later.
export function noteLeft(sessionId: string, reason = 'tab_closed'): void {
  keepNote(LEFT_PREFIX + sessionId, JSON.stringify({ reason, at: Date.now() }));
}

export function readLeftNote(sessionId: string): LeftNote | null {
  const raw = readNote(LEFT_PREFIX + sessionId);
  if (!raw) return null;
  try {
    const note = JSON.parse(raw) as Partial<LeftNote>;
    return typeof note.reason === 'string' && END_REASON_PATTERN.test(note.reason) && typeof note.at === 'number'
      ? { reason: note.reason, at: note.at }
      : { reason: 'tab_closed', at: 0 };
  } catch {
    return null;
  }
}

export const clearLeftNote = (sessionId: string): void => forgetNote(LEFT_PREFIX + sessionId);
