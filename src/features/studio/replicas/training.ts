/** `"42/100"` as a percentage; null when Tavus gives nothing usable. */
export function trainingPercent(progress: string | null | undefined): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(progress ?? '');
  if (!match) return null;
  const [done, total] = [Number(match[1]), Number(match[2])];
  if (!(total > 0)) return null;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

/** How often the list refreshes while a replica trains. */
export const REPLICA_POLL_MS = 5_000;
