import { z } from 'zod';
import { personaSchema, planSchema, SESSION_TYPES, sessionSchema } from '../schemas';
import { sessionHistorySchema } from '../reports';
import { invitePreviewSchema, inviteSchema, joinedSessionSchema } from '../invites';
import { MULTILINGUAL, TAVUS_LANGUAGES } from '@/lib/tavus/languages';

/**
 * The dev server's shared local database (VITE_LOCAL_DATA=dev-server), as the browser and the
 * server speak of it: POST `{ method, args }` as JSON to LOCAL_DB_PATH, with the browser's account
 * key in ACCOUNT_HEADER. The methods are AppDb's, listed one by one with the shape of their arguments
 * and of their answer: there is no "run this SQL", and nothing outside this list reaches the
 * database. Answers are parsed again in the browser by the same row schemas as the embedded and
 * Supabase drivers use (timestamps travel as the ISO strings those schemas expect).
 */

export * from './paths';

const text = z.string();
const id = z.string().max(200);
const optionalText = z.optional(z.string());
const page = z.object({ page: z.number(), pageSize: z.number() });
// The persona's fields are checked by the database layer (createPersonaWrites): here only their shape.
const personaFields = z.looseObject({ persona_name: z.string() });
const nothing = z.null();

const usageSchema = z.object({
  plan: planSchema,
  subscription: z.object({ status: text, periodStart: text, periodEnd: text, minutesLimit: z.number() }),
  secondsUsed: z.number(),
  secondsLimit: z.number(),
  secondsLeft: z.number(),
  periodEnd: text,
  soloSessionsToday: z.number(),
  soloSessionsLeftToday: z.number().nullable(),
});
const tally = { sessionsEnded: z.number(), sessionsFailed: z.number(), secondsUsed: z.number(), successRate: z.number().nullable() };
const usageReportSchema = z.object({
  days: z.array(z.object({ date: text, sessions: z.number(), secondsUsed: z.number() })),
  total: z.object(tally),
  byPersona: z.array(z.object({ ...tally, personaId: text, personaName: text.nullable() })),
  byType: z.array(z.object({ ...tally, sessionType: z.enum(SESSION_TYPES) })),
});
const settingsSchema = z.object({
  language: z.enum([...TAVUS_LANGUAGES, MULTILINGUAL]),
  memoryEnabled: z.boolean(),
  memoryGeneration: z.number(),
});
const pageOf = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number() });

/** Each method: its arguments (a tuple) and its answer. */
export const METHODS = {
  userId: { args: z.tuple([]), result: z.uuid() },
  startSession: {
    args: z.tuple([z.object({ sessionType: text, personaId: text, replicaId: z.optional(z.nullable(text)) })]),
    result: sessionSchema,
  },
  attachConversation: { args: z.tuple([id, text, text, optionalText]), result: sessionSchema },
  endSession: { args: z.tuple([id, optionalText]), result: sessionSchema },
  failSession: { args: z.tuple([id, text]), result: sessionSchema },
  currentSession: { args: z.tuple([]), result: sessionSchema.nullable() },
  getSession: { args: z.tuple([id]), result: sessionSchema.nullable() },
  listSessions: { args: z.tuple([page]), result: pageOf(sessionSchema) },
  usage: { args: z.tuple([]), result: usageSchema },
  home: { args: z.tuple([]), result: z.object({ current: sessionSchema.nullable(), usage: usageSchema }) },
  plans: { args: z.tuple([]), result: z.array(planSchema) },
  listSessionHistory: { args: z.tuple([page]), result: pageOf(sessionHistorySchema) },
  usageReport: { args: z.tuple([]), result: usageReportSchema },
  listPersonas: { args: z.tuple([]), result: z.array(personaSchema) },
  getPersona: { args: z.tuple([id]), result: personaSchema.nullable() },
  savePersona: { args: z.tuple([id.nullable(), personaFields]), result: personaSchema },
  markPersonaSynced: { args: z.tuple([id, id]), result: personaSchema },
  markPersonaFailed: { args: z.tuple([id, text]), result: personaSchema },
  linkPersona: { args: z.tuple([id, personaFields]), result: personaSchema },
  deletePersona: { args: z.tuple([id]), result: personaSchema },
  settings: { args: z.tuple([]), result: settingsSchema },
  setLanguage: { args: z.tuple([text]), result: settingsSchema },
  setMemory: { args: z.tuple([z.boolean()]), result: settingsSchema },
  'local.setPlan': { args: z.tuple([text]), result: nothing },
  'local.reset': { args: z.tuple([]), result: nothing },
  'invites.createInvite': { args: z.tuple([id, optionalText]), result: inviteSchema },
  'invites.hostInvite': { args: z.tuple([id]), result: inviteSchema.nullable() },
  'invites.previewInvite': { args: z.tuple([text]), result: invitePreviewSchema },
  'invites.redeemInvite': { args: z.tuple([text, text]), result: joinedSessionSchema },
  'invites.joinedSession': { args: z.tuple([id]), result: joinedSessionSchema },
  'invites.endJoinedSession': { args: z.tuple([id, optionalText]), result: joinedSessionSchema },
  'invites.joinedSessions': { args: z.tuple([]), result: z.array(joinedSessionSchema) },
  'invites.sessionRoom': { args: z.tuple([id]), result: z.string().nullable() },
  /** The simulator's callbacks, from the browser that plays Tavus: accepted for that account's own conversations only. */
  recordTavusCallback: { args: z.tuple([z.record(z.string(), z.unknown())]), result: nothing },
} as const;

export type MethodName = keyof typeof METHODS;
export type ArgsOf<M extends MethodName> = z.infer<(typeof METHODS)[M]['args']>;

export const isMethodName = (name: unknown): name is MethodName => typeof name === 'string' && Object.hasOwn(METHODS, name);

/** The body of every answer: the result, or the database's refusal with its DbError code (or the transport's). */
export type Answer = { result: unknown } | { error: { code: string; message: string } };
