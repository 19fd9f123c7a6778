/** The Web Lock whose holder leads the tabs sharing database `id` (the name PGlite's multi-tab worker gives it). */
export function electionLock(id: string): string {
  return `pglite-election-lock:${id}`;
}

/**
 * Takes the election lock at once if no tab holds it, and keeps it until this worker goes; answers
 * whether it did. A worker that leads from its first moment may read the store before its page
 * asks: no other tab can write it while the lock is held (see stored-files.ts).
 */
export function leadIfFree(id: string): Promise<boolean> {
  return new Promise((resolve) => {
    void navigator.locks.request(electionLock(id), { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
}
