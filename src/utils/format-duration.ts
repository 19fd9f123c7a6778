/**
 * The one way every screen writes a length of time and a count of minutes, so that the summary,
 * the history, the usage page and the start page show the same session with the same figures.
 */

/** 45 -> "45 s", 180 -> "3 min", 200 -> "3 min 20 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

// Minutes are shown to the nearest tenth (6 s). A tie rounds minutes used up and minutes left down,
// so that used + left, as shown, is always the plan's limit (a limit is whole minutes).
const tenthsUsed = (seconds: number) => Math.round(Math.max(0, seconds) / 6);
const tenthsLeft = (seconds: number) => -Math.round(-Math.max(0, seconds) / 6);

/** Minutes charged or used, without a trailing .0: 20 s -> "0.3", 21 s -> "0.4", 60 s -> "1". */
export function minutesUsed(seconds: number): string {
  return String(tenthsUsed(seconds) / 10);
}

/** Minutes still available: 1480 s -> "24.7", 1479 s -> "24.6", 1500 s -> "25". */
export function minutesLeft(seconds: number): string {
  return String(tenthsLeft(seconds) / 10 || 0); // "|| 0": never "-0"
}
