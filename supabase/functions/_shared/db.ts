import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { DATABASE_ERRORS, sentence } from '../../../src/lib/error-catalogue.ts';
import { ApiError, type Logger } from './http.ts';
import { sessionRowSchema, type SessionRow } from './session-row.ts';

/**
 * The database functions of supabase/migrations, called through PostgREST with the service role
 * key. In a proxy deployment the database lets only the server write sessions (the server_*
 * functions), for the user whose JWT the function verified. A refusal keeps the stable code the
 * function raised, with the status of the error catalogue (src/lib/error-catalogue.ts).
 */

interface PostgrestFailure {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

export function dbError(failure: PostgrestFailure, log: Logger): ApiError {
  const code = (failure.message ?? '').trim();
  // a code the database's functions raise (db_error is ours, never raised): its status from the catalogue
  if (code !== 'db_error' && Object.hasOwn(DATABASE_ERRORS, code)) {
    const { status } = DATABASE_ERRORS[code as keyof typeof DATABASE_ERRORS];
    if (status >= 500) log('database misconfigured', failure);
    const text = [failure.details, failure.hint].filter(Boolean).join(' ');
    return new ApiError(status, code, text || sentence(code as keyof typeof DATABASE_ERRORS));
  }
  if (failure.code?.startsWith('PGRST30')) {
    return new ApiError(401, 'not_authenticated', 'Your sign-in is invalid or has expired. Sign in again.');
  }
  log('database failure', failure);
  return new ApiError(500, 'db_error', sentence('db_error'));
}

async function call(client: SupabaseClient, fn: string, args: Record<string, unknown>, log: Logger): Promise<unknown> {
  let result: { data: unknown; error: PostgrestFailure | null };
  try {
    result = await client.rpc(fn, args);
  } catch (error) {
    log('database unreachable', { fn, error: String(error) });
    throw new ApiError(503, 'db_unavailable', sentence('db_unavailable'));
  }
  if (result.error) throw dbError(result.error, log);
  return result.data;
}

function row(value: unknown, fn: string, log: Logger): SessionRow {
  const parsed = sessionRowSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  log('unexpected database row', { fn, issues: parsed.error.issues.slice(0, 3) });
  throw new ApiError(500, 'db_error', `The database returned an unexpected session from ${fn}.`);
}

/** The session lifecycle, run by the server for the user of a verified JWT. */
export interface ServerSessions {
  start(userId: string, sessionType: string, personaId: string, replicaId: string): Promise<SessionRow>;
  /** Records the conversation the server created, and its private room's meeting_token (from Tavus's answer, never a browser). */
  attach(userId: string, sessionId: string, conversationId: string, conversationUrl: string, meetingToken?: string): Promise<SessionRow>;
  end(userId: string, sessionId: string, reason: string): Promise<SessionRow>;
  fail(userId: string, sessionId: string, error: string): Promise<SessionRow>;
  /** Tavus has stopped the session's call: confirmed by its answer to an end, or seen by the sweep (at = when, if known). */
  callEnded(sessionId: string, at: string | null, source: 'server_end' | 'sweep'): Promise<SessionRow>;
  /** Calls of closed sessions not yet seen to stop, of one user or of everyone, oldest first. */
  callsToCheck(userId: string | null, limit: number): Promise<CallToCheck[]>;
  expireStale(): Promise<number>;
  /** Sessions together: the invite functions of 20261202002000_session_invites.sql, answers as the database gives them. */
  createInvite(userId: string, sessionId: string, hostName: string | null): Promise<unknown>;
  redeemInvite(userId: string, invite: string, partnerName: string): Promise<unknown>;
  endJoined(userId: string, sessionId: string, reason: string): Promise<unknown>;
  /** The user's kept choices (user_settings): the language of their sessions and the replica's memory. */
  settings(userId: string): Promise<ServerUserSettings>;
}

const refusalSchema = z.object({ refused: z.literal('invite_not_found'), detail: z.string() });

const settingsSchema = z.looseObject({ language: z.string(), memory_enabled: z.boolean(), memory_generation: z.number().int().min(1) });
export type ServerUserSettings = z.infer<typeof settingsSchema>;

const callToCheckSchema = z.looseObject({
  session_id: z.uuid(),
  user_id: z.uuid(),
  conversation_id: z.string(),
  conversation_name: z.string(),
  status: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});
export type CallToCheck = z.infer<typeof callToCheckSchema>;

export function serverSessions(client: SupabaseClient, log: Logger): ServerSessions {
  const rpc = async (fn: string, args: Record<string, unknown>) => row(await call(client, fn, args, log), fn, log);
  return {
    start: (userId, sessionType, personaId, replicaId) =>
      rpc('server_start_session', { p_user_id: userId, p_session_type: sessionType, p_persona_id: personaId, p_replica_id: replicaId }),
    attach: (userId, sessionId, conversationId, conversationUrl, meetingToken) =>
      rpc('server_attach_conversation', {
        p_user_id: userId,
        p_session_id: sessionId,
        p_conversation_id: conversationId,
        p_conversation_url: conversationUrl,
        ...(meetingToken ? { p_meeting_token: meetingToken } : {}),
      }),
    end: (userId, sessionId, reason) => rpc('server_end_session', { p_user_id: userId, p_session_id: sessionId, p_reason: reason }),
    fail: (userId, sessionId, error) => rpc('server_fail_session', { p_user_id: userId, p_session_id: sessionId, p_error: error }),
    callEnded: (sessionId, at, source) => rpc('server_call_ended', { p_session_id: sessionId, p_ended_at: at, p_source: source }),
    async callsToCheck(userId, limit) {
      const parsed = z
        .array(callToCheckSchema)
        .safeParse(await call(client, 'server_calls_to_check', { p_user_id: userId, p_limit: limit }, log));
      if (parsed.success) return parsed.data;
      log('unexpected database row', { fn: 'server_calls_to_check', issues: parsed.error.issues.slice(0, 3) });
      throw new ApiError(500, 'db_error', 'The database returned unexpected calls from server_calls_to_check.');
    },
    async expireStale() {
      const count = await call(client, 'expire_stale_sessions', {}, log);
      return typeof count === 'number' ? count : 0;
    },
    createInvite: (userId, sessionId, hostName) =>
      call(client, 'server_create_invite', { p_user_id: userId, p_session_id: sessionId, p_host_name: hostName }, log),
    async redeemInvite(userId, invite, partnerName) {
      const value = await call(client, 'server_redeem_invite', { p_user_id: userId, p_invite: invite, p_partner_name: partnerName }, log);
      // a code that names no invite is answered, not raised, so that the database keeps the miss it
      // counts against guessing (20261203000200_invite_attempts.sql): the same refusal as a raise
      const refusal = refusalSchema.safeParse(value);
      if (refusal.success) throw dbError({ message: refusal.data.refused, details: refusal.data.detail }, log);
      return value;
    },
    endJoined: (userId, sessionId, reason) =>
      call(client, 'server_end_joined_session', { p_user_id: userId, p_session_id: sessionId, p_reason: reason }, log),
    async settings(userId) {
      const parsed = settingsSchema.safeParse(await call(client, 'server_session_settings', { p_user_id: userId }, log));
      if (parsed.success) return parsed.data;
      log('unexpected database row', { fn: 'server_session_settings', issues: parsed.error.issues.slice(0, 3) });
      throw new ApiError(500, 'db_error', 'The database returned unexpected settings from server_session_settings.');
    },
  };
}

export interface ServiceSessions {
  /** The session with this id, whoever owns it; null when there is none. */
  byId(sessionId: string): Promise<SessionRow | null>;
  recordEvent(conversationId: string, event: Record<string, unknown>): Promise<SessionRow>;
}

export function serviceSessions(client: SupabaseClient, log: Logger): ServiceSessions {
  return {
    async byId(sessionId) {
      let result: { data: unknown; error: PostgrestFailure | null };
      try {
        result = await client.from('sessions').select('*').eq('id', sessionId).maybeSingle();
      } catch (error) {
        log('database unreachable', { error: String(error) });
        throw new ApiError(503, 'db_unavailable', sentence('db_unavailable'));
      }
      if (result.error) throw dbError(result.error, log);
      return result.data === null ? null : row(result.data, 'sessions', log);
    },
    async recordEvent(conversationId, event) {
      return row(
        await call(client, 'record_tavus_event', { p_conversation_id: conversationId, p_event: event }, log),
        'record_tavus_event',
        log,
      );
    },
  };
}
