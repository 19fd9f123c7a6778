import { describeShutdownReason } from '@/lib/tavus/shutdown-reasons';
import type { SessionStatus, SessionType } from '@/lib/db';

/** Figures and codes of a session as people read them. */

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  reflect_alone: 'Reflect alone',
  resolve_together: 'Resolve together',
};

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

const END_REASONS: Record<string, string> = {
  user_ended: 'You ended it',
  limit_reached: 'The time limit was reached',
  tab_closed: 'Its tab was closed',
  replica_left: 'The replica left',
  expired: 'Closed after running past its limit',
  start_abandoned: 'Its start was cancelled',
  tavus_shutdown: 'Tavus ended the call',
  expired_before_start: 'The start never finished',
};

/** Known end codes and Tavus's shutdown reasons in words; anything else as it came, without underscores. */
export function describeEndReason(reason: string | null): string | null {
  if (!reason) return null;
  const tavus = describeShutdownReason(reason);
  return END_REASONS[reason] ?? (tavus ? tavus.charAt(0).toUpperCase() + tavus.slice(1) : reason.replaceAll('_', ' '));
}

/** The server's seconds from start to end; null when the call never started or has not ended. */
export function durationOf(session: { started_at: string | null; ended_at: string | null }): number | null {
  if (!session.started_at || !session.ended_at) return null;
  return Math.max(0, Math.ceil((Date.parse(session.ended_at) - Date.parse(session.started_at)) / 1000));
}
