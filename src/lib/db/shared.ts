import { z } from 'zod';
import { DbError } from './errors';
import { SESSION_TYPES, type Plan, type UsageRow } from './schemas';
import type { PageRequest, StartSessionInput, Usage } from './types';
import { TAVUS_ID_PATTERN } from '@/lib/rules';

/** What both implementations check before they reach the database: bad input changes nothing. */

const startInputSchema = z.object({
  sessionType: z.enum(SESSION_TYPES, { error: 'must be reflect_alone or resolve_together' }),
  personaId: z.string().regex(TAVUS_ID_PATTERN, 'must be a Tavus persona id such as p7e13c73f41f'),
  replicaId: z
    .string()
    .regex(TAVUS_ID_PATTERN, 'must be a Tavus replica id such as r4317e64d25a')
    .nullish()
    .transform((value) => value ?? null),
});

const pageSchema = z.object({
  page: z.number().int().min(1, 'must be 1 or more'),
  pageSize: z.number().int().min(1, 'must be 1 or more').max(100, 'must be 100 or less'),
});

const uuidSchema = z.uuid();

function invalid(what: string, error: z.ZodError): DbError {
  const issue = error.issues[0];
  const field = issue?.path.length ? `${what}.${issue.path.join('.')}` : what;
  return new DbError('invalid_argument', `${field} ${issue?.message ?? 'is not valid'}; nothing was changed.`);
}

export function checkStartInput(input: StartSessionInput): { sessionType: string; personaId: string; replicaId: string | null } {
  const parsed = startInputSchema.safeParse(input);
  if (!parsed.success) throw invalid('startSession', parsed.error);
  return parsed.data;
}

export function checkPage(request: PageRequest): { offset: number; limit: number } {
  const parsed = pageSchema.safeParse(request);
  if (!parsed.success) throw invalid('listSessions', parsed.error);
  return { offset: (parsed.data.page - 1) * parsed.data.pageSize, limit: parsed.data.pageSize };
}

export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}

export function checkSessionId(value: unknown, what: string): string {
  if (!isUuid(value)) {
    throw new DbError('invalid_argument', `${what} needs a session id (a uuid), got ${JSON.stringify(value)}; nothing was changed.`);
  }
  return value;
}

export function toUsage(row: UsageRow, plan: Plan): Usage {
  const secondsLimit = row.tavus_minutes_limit * 60;
  return {
    plan,
    subscription: {
      status: row.status,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      minutesLimit: row.tavus_minutes_limit,
    },
    secondsUsed: row.tavus_seconds_used,
    secondsLimit,
    secondsLeft: Math.max(row.seconds_left, 0),
    periodEnd: row.period_end,
    soloSessionsToday: row.solo_sessions_today,
    soloSessionsLeftToday: plan.solo_sessions_per_day === null ? null : Math.max(plan.solo_sessions_per_day - row.solo_sessions_today, 0),
  };
}
