export { SESSION_TYPE_LABELS } from '@/lib/sessions/words';

export { minutesUsed as minutes, minutesLeft } from '@/utils/format-duration';

/** A rate as a whole percentage, or a dash when there was nothing to rate. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Billing periods and usage days are UTC: shown in UTC so that the 1st is the 1st everywhere. */
export function utcDate(iso: string, style: 'long' | 'short' = 'long'): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, {
    timeZone: 'UTC',
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    ...(style === 'long' ? { year: 'numeric' } : {}),
  });
}

const DAY_MS = 86_400_000;

/** Every UTC day from the period's start up to (not including) its end, as YYYY-MM-DD. */
export function daysOfPeriod(periodStart: string, periodEnd: string): string[] {
  const start = Date.parse(periodStart);
  const end = Date.parse(periodEnd);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return [];
  const days: string[] = [];
  const first = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), new Date(start).getUTCDate());
  // a period is a month; the cap keeps a corrupt row from drawing thousands of bars
  for (let at = first; at < end && days.length < 62; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** The last day inside a period whose end is exclusive. */
export function lastDayOf(periodEnd: string): string {
  const end = Date.parse(periodEnd);
  return Number.isNaN(end) ? periodEnd : new Date(end - 1).toISOString().slice(0, 10);
}
