/**
 * The notes this browser keeps per session in localStorage (the left note, a private room's meeting
 * token, whether the replica was told of the partner), each under its own key. Storage may refuse
 * (private windows, a full quota, a sandbox): a refused write is a note not kept, a refused read one
 * not found, and neither is an error for the page. Three functions, not an object, so that a page
 * carries only the ones it uses.
 */
export function readNote(key: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepNote(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // refused: nothing is kept (each note's user says what that costs)
  }
}

export function forgetNote(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // nothing to forget
  }
}
