import type { SessionStatus } from '@/lib/db';
import { describeEndReason as endReasonWords } from '@/lib/sessions/words';

/** Figures and codes of a session as people read them. */

export { SESSION_TYPE_LABELS } from '@/lib/sessions/words';

export const STATUS_LABELS: Record<SessionStatus, string> = {
  starting: 'Starting',
  active: 'In progress',
  ended: 'Ended',
  failed: 'Failed to start',
};

export { formatDuration } from '@/utils/format-duration';
import { minutesUsed } from '@/utils/format-duration';

/** Charged seconds as minutes: 20 -> "0.3 min", 60 -> "1 min". */
export function formatMinutes(seconds: number): string {
  return `${minutesUsed(seconds)} min`;
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The end reason standing alone (a table cell): the shared words, capitalised; nothing when none was recorded. */
export function describeEndReason(reason: string | null): string | null {
  if (!reason) return null;
  const words = endReasonWords(reason);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The server's seconds from start to end; null when the call never started or has not ended. */
export function durationOf(session: { started_at: string | null; ended_at: string | null }): number | null {
  if (!session.started_at || !session.ended_at) return null;
  return Math.max(0, Math.ceil((Date.parse(session.ended_at) - Date.parse(session.started_at)) / 1000));
}
