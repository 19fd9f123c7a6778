import type { SupabaseClient } from '@supabase/supabase-js';
import { ApiError, type Logger } from './http.ts';
import { sessionRowSchema, type SessionRow } from './session-row.ts';

/**
 * The database functions of supabase/migrations, called through PostgREST. User calls go through a
 * client that carries the user's JWT, so row-level security and auth.uid() decide; service calls
 * carry the service role key. A refusal keeps the stable code the function raised.
 */

const STATUS: Record<string, number> = {
  not_authenticated: 401,
  forbidden: 403,
  invalid_argument: 400,
  usage_limit_reached: 402,
  subscription_inactive: 402,
  session_type_not_allowed: 403,
  session_not_found: 404,
  persona_not_found: 404,
  session_already_active: 409,
  session_not_starting: 409,
  conversation_already_attached: 409,
  subscription_not_found: 409,
  persona_already_linked: 409,
  // the free plan row is missing: the database, not the caller, needs fixing
  plan_not_found: 500,
  daily_limit_reached: 429,
};

interface PostgrestFailure {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

export function dbError(failure: PostgrestFailure, log: Logger): ApiError {
  const code = (failure.message ?? '').trim();
  const status = STATUS[code];
  if (status) {
    if (status >= 500) log('database misconfigured', failure);
    const text = [failure.details, failure.hint].filter(Boolean).join(' ');
    return new ApiError(status, code, text || code.replaceAll('_', ' '));
  }
  if (failure.code?.startsWith('PGRST30')) {
    return new ApiError(401, 'not_authenticated', 'Your sign-in is invalid or has expired. Sign in again.');
  }
  log('database failure', failure);
  return new ApiError(500, 'db_error', 'The database could not complete the request. Try again.');
}

async function call(client: SupabaseClient, fn: string, args: Record<string, unknown>, log: Logger): Promise<unknown> {
  let result: { data: unknown; error: PostgrestFailure | null };
  try {
    result = await client.rpc(fn, args);
  } catch (error) {
    log('database unreachable', { fn, error: String(error) });
    throw new ApiError(503, 'db_unavailable', 'The database cannot be reached right now. Try again.');
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

export interface UserSessions {
  start(sessionType: string, personaId: string, replicaId: string): Promise<SessionRow>;
  attach(sessionId: string, conversationId: string, conversationUrl: string): Promise<SessionRow>;
  end(sessionId: string, reason: string): Promise<SessionRow>;
  fail(sessionId: string, error: string): Promise<SessionRow>;
}

export function userSessions(client: SupabaseClient, log: Logger): UserSessions {
  const rpc = async (fn: string, args: Record<string, unknown>) => row(await call(client, fn, args, log), fn, log);
  return {
    start: (sessionType, personaId, replicaId) =>
      rpc('start_session', { p_session_type: sessionType, p_persona_id: personaId, p_replica_id: replicaId }),
    attach: (sessionId, conversationId, conversationUrl) =>
      rpc('attach_conversation', { p_session_id: sessionId, p_conversation_id: conversationId, p_conversation_url: conversationUrl }),
    end: (sessionId, reason) => rpc('end_session', { p_session_id: sessionId, p_reason: reason }),
    fail: (sessionId, error) => rpc('fail_session', { p_session_id: sessionId, p_error: error }),
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
        throw new ApiError(503, 'db_unavailable', 'The database cannot be reached right now. Try again.');
      }
      if (result.error) throw dbError(result.error, log);
      return result.data === null ? null : row(result.data, 'sessions', log);
    },
    async recordEvent(conversationId, event) {
      return row(await call(client, 'record_tavus_event', { p_conversation_id: conversationId, p_event: event }, log), 'record_tavus_event', log);
    },
  };
}
