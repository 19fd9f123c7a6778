import { z } from 'zod';
import type { Database } from './database.types';
import { DbError } from './errors';
import { parseRows, SESSION_STATUSES, SESSION_TYPES } from './schemas';

/**
 * What /history and /usage read: the views of the usage-reports migration, parsed at the boundary
 * like every other row. The database does the counting and summing; these only reshape.
 */

const timestamp = z.string().min(1);
const count = z.number().int().min(0);

const historyShape = {
  id: z.uuid(),
  session_type: z.enum(SESSION_TYPES),
  persona_id: z.string(),
  /** The studio's name for the persona, when the user has linked one to this Tavus id. */
  persona_name: z.string().nullable(),
  replica_id: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  ended_at: timestamp.nullable(),
  /** Server time from start to end; null until the call has both. */
  duration_seconds: count.nullable(),
  seconds_used: count,
  max_call_duration: z.number().int(),
  end_reason: z.string().nullable(),
  shutdown_reason: z.string().nullable(),
  error: z.string().nullable(),
  has_transcript: z.boolean(),
  has_recording: z.boolean(),
  has_perception_analysis: z.boolean(),
};
/** One line of /history: a session without its transcript, recording or analysis. */
export type SessionHistoryItem = z.infer<z.ZodObject<typeof historyShape>>;
export const sessionHistorySchema = z.looseObject(historyShape) as unknown as z.ZodType<SessionHistoryItem>;

const dayShape = {
  usage_date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date'),
  sessions: count,
  seconds_used: count,
};
type DayRow = z.infer<z.ZodObject<typeof dayShape>>;
export const usageDaySchema = z.looseObject(dayShape) as unknown as z.ZodType<DayRow>;

const breakdownShape = {
  dimension: z.enum(['persona', 'session_type', 'total']),
  key: z.string().nullable(),
  persona_name: z.string().nullable(),
  sessions_ended: count,
  sessions_failed: count,
  seconds_used: count,
};
type BreakdownRow = z.infer<z.ZodObject<typeof breakdownShape>>;
export const usageBreakdownSchema = z.looseObject(breakdownShape) as unknown as z.ZodType<BreakdownRow>;

export interface UsageDay {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  sessions: number;
  secondsUsed: number;
}

export interface UsageTally {
  /** Sessions that ended (charged by server time) in the period. */
  sessionsEnded: number;
  /** Starts that failed in the period (never charged). */
  sessionsFailed: number;
  secondsUsed: number;
  /** sessionsEnded / (sessionsEnded + sessionsFailed); null when there were none. */
  successRate: number | null;
}

export interface UsageReport {
  /** Only days with a charge, oldest first. */
  days: UsageDay[];
  total: UsageTally;
  /** Most minutes first. */
  byPersona: Array<UsageTally & { personaId: string; personaName: string | null }>;
  byType: Array<UsageTally & { sessionType: (typeof SESSION_TYPES)[number] }>;
}

function tally(row: BreakdownRow): UsageTally {
  const closed = row.sessions_ended + row.sessions_failed;
  return {
    sessionsEnded: row.sessions_ended,
    sessionsFailed: row.sessions_failed,
    secondsUsed: row.seconds_used,
    successRate: closed === 0 ? null : row.sessions_ended / closed,
  };
}

const byMinutes = (a: UsageTally & { key: string }, b: UsageTally & { key: string }) =>
  b.secondsUsed - a.secondsUsed || b.sessionsEnded + b.sessionsFailed - (a.sessionsEnded + a.sessionsFailed) || a.key.localeCompare(b.key);

/** The report from the rows of my_usage_days and my_usage_breakdown, as either driver returned them. */
export function toUsageReport(dayValues: unknown, breakdownValues: unknown): UsageReport {
  const days = parseRows(usageDaySchema, dayValues, 'usage day')
    .map((row) => ({ date: row.usage_date.slice(0, 10), sessions: row.sessions, secondsUsed: row.seconds_used }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const rows = parseRows(usageBreakdownSchema, breakdownValues, 'usage breakdown');
  const total = rows.find((row) => row.dimension === 'total');
  if (!total)
    throw new DbError(
      'db_error',
      'The database returned no usage total. Reload the page; if it persists, the app and the database are out of step.',
    );

  const byPersona = rows
    .filter((row) => row.dimension === 'persona' && row.key !== null)
    .map((row) => ({ ...tally(row), key: row.key!, personaId: row.key!, personaName: row.persona_name }))
    .sort(byMinutes)
    .map(({ key: _key, ...rest }) => rest);
  const byType = rows
    .filter((row) => row.dimension === 'session_type' && (SESSION_TYPES as readonly string[]).includes(row.key ?? ''))
    .map((row) => ({ ...tally(row), key: row.key!, sessionType: row.key as (typeof SESSION_TYPES)[number] }))
    .sort(byMinutes)
    .map(({ key: _key, ...rest }) => rest);
  return { days, total: tally(total), byPersona, byType };
}

// The views and these schemas describe the same columns: a migration that changes one without the
// other breaks the type check here.
type Views = Database['public']['Views'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const columnsMatch: [
  Same<keyof SessionHistoryItem, keyof Views['my_session_history']['Row']>,
  Same<keyof DayRow, keyof Views['my_usage_days']['Row']>,
  Same<keyof BreakdownRow, keyof Views['my_usage_breakdown']['Row']>,
] = [true, true, true];
void columnsMatch;
