import { z } from 'zod';
import type { Database } from './database.types';
import { DbError } from './errors';

/**
 * Rows as both drivers return them (JSON: timestamps are ISO strings), checked at the boundary so a
 * schema drift shows up as a clear error instead of `undefined` deep in a page. Unknown columns are
 * kept: a newer migration may add some before the app knows them.
 */

const timestamp = z.string().min(1);
const json = z.unknown();

export const SESSION_TYPES = ['reflect_alone', 'resolve_together'] as const;
export const SESSION_STATUSES = ['starting', 'active', 'ended', 'failed'] as const;

const sessionShape = {
  id: z.uuid(),
  user_id: z.uuid(),
  session_type: z.enum(SESSION_TYPES),
  persona_id: z.string(),
  replica_id: z.string().nullable(),
  conversation_name: z.string(),
  tavus_conversation_id: z.string().nullable(),
  conversation_url: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  max_call_duration: z.number().int(),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  joined_at: timestamp.nullable(),
  ended_at: timestamp.nullable(),
  seconds_used: z.number().int(),
  end_reason: z.string().nullable(),
  shutdown_reason: z.string().nullable(),
  transcript: json.nullable(),
  recording: json.nullable(),
  perception_analysis: json.nullable(),
  error: z.string().nullable(),
};
export type Session = z.infer<z.ZodObject<typeof sessionShape>>;
export const sessionSchema = rowSchema<Session>(sessionShape);

const planShape = {
  id: z.string(),
  name: z.string(),
  monthly_minutes: z.number().int(),
  max_session_seconds: z.number().int(),
  solo_sessions_per_day: z.number().int().nullable(),
  group_sessions: z.boolean(),
};
export type Plan = z.infer<z.ZodObject<typeof planShape>>;
export const planSchema = rowSchema<Plan>(planShape);

/** public.my_usage: the period already rolled forward the way start_session will see it. */
const usageRowShape = {
  plan_id: z.string(),
  status: z.string(),
  period_start: timestamp,
  period_end: timestamp,
  tavus_minutes_limit: z.number().int(),
  tavus_seconds_used: z.number().int(),
  seconds_left: z.number().int(),
  solo_sessions_today: z.number().int(),
};
export type UsageRow = z.infer<z.ZodObject<typeof usageRowShape>>;
export const usageRowSchema = rowSchema<UsageRow>(usageRowShape);

const personaShape = {
  id: z.uuid(),
  owner_id: z.uuid(),
  persona_name: z.string(),
  system_prompt: z.string().nullable(),
  context: z.string().nullable(),
  pipeline_mode: z.string(),
  default_replica_id: z.string().nullable(),
  layers: json,
  objectives_id: z.string().nullable(),
  guardrails_id: z.string().nullable(),
  document_ids: z.array(z.string()),
  guardrail_ids: z.array(z.string()),
  guardrail_tags: z.array(z.string()),
  tavus_persona_id: z.string().nullable(),
  sync_status: z.enum(['pending', 'synced', 'failed']),
  sync_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
};
export type Persona = z.infer<z.ZodObject<typeof personaShape>>;
export const personaSchema = rowSchema<Persona>(personaShape);

/** Checks the known columns and keeps any others; the type lists the known ones only. */
function rowSchema<T>(shape: z.ZodRawShape): z.ZodType<T> {
  return z.looseObject(shape) as unknown as z.ZodType<T>;
}

/** Parses what the database returned; a mismatch is a DbError naming the field, never a silent cast. */
export function parseRow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'row';
  throw new DbError(
    'db_error',
    `The database returned an unexpected ${what} (${where}: ${issue?.message ?? 'invalid'}). Reload the page; if it persists, the app and the database are out of step.`,
    {
      cause: parsed.error,
    },
  );
}

export function parseRows<S extends z.ZodType>(schema: S, values: unknown, what: string): z.infer<S>[] {
  if (!Array.isArray(values)) throw new DbError('db_error', `The database returned no list of ${what}s.`);
  return values.map((value) => parseRow(schema, value, what));
}

// The generated types and these schemas describe the same rows: a migration that changes a column
// without the schemas following breaks the type check here.
type Tables = Database['public']['Tables'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Columns<T> = keyof T & string;
const columnsMatch: [
  Same<Columns<Session>, Columns<Tables['sessions']['Row']>>,
  Same<Columns<Plan>, Columns<Tables['plans']['Row']>>,
  Same<Columns<Persona>, Columns<Tables['personas']['Row']>>,
] = [true, true, true];
void columnsMatch;
