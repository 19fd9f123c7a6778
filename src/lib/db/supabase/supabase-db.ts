import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types';
import { DbError, NotAuthenticatedError, toDbError } from '../errors';
import { parseRow, parseRows, personaSchema, planSchema, sessionSchema, usageRowSchema, type Session } from '../schemas';
import { checkPage, checkSessionId, checkStartInput, isUuid, toUsage } from '../shared';
import type { AppDb } from '../types';
import { createPersonaWrites, supabasePersonaCall } from '../personas';
import { createSettingsAccess, supabaseSettingsCall } from '../settings';
import { createChangeFeed } from './change-feed';
import { sessionHistorySchema, toUsageReport } from '../reports';
import { createInviteStore } from '../invites';

export interface SupabaseDbOptions {
  /**
   * How often to look for session changes made on other devices while someone is subscribed.
   * Tabs of this browser are told at once (BroadcastChannel). Default 20 000 ms; 0 turns polling off.
   */
  pollMs?: number;
  /** Told about failures of background polling, which has nobody else to tell. */
  onBackgroundError?: (error: DbError) => void;
}

type Result<T> = { data: T | null; error: unknown; count?: number | null };

/**
 * AppDb over supabase-js as the signed-in user: rows and rules come from row-level security and
 * the migrations' functions. Creating it only adds an auth listener (no request); polling starts with
 * the first subscriber and stops with the last.
 */
export function createSupabaseDb(client: SupabaseClient<Database>, options: SupabaseDbOptions = {}): AppDb {
  let currentUser: string | null | undefined;
  const auth = client.auth.onAuthStateChange((_event, session) => {
    const user = session?.user.id ?? null;
    if (currentUser !== undefined && user !== currentUser) feed.emitLocal({ kind: 'sessions' });
    currentUser = user;
  });
  const feed = createChangeFeed({
    channelName: 'awaknow:sessions',
    pollMs: options.pollMs ?? 20_000,
    fingerprint: async () => {
      const session = await db.currentSession();
      return session ? `${session.id}:${session.status}` : 'none';
    },
    onPollError: (error) => options.onBackgroundError?.(toDbError(error)),
  });

  async function unwrap<T>(result: Result<T>): Promise<T | null> {
    if (!result.error) return result.data;
    const error = toDbError(result.error);
    // PostgREST answers a visitor's call to a user-only function with "permission denied".
    if (error.sqlState === '42501' && !(await client.auth.getSession()).data.session)
      throw new NotAuthenticatedError({ cause: result.error });
    throw error;
  }

  async function write(call: PromiseLike<Result<unknown>>): Promise<Session> {
    const session = parseRow(sessionSchema, await unwrap(await call), 'session');
    feed.publish({ kind: 'sessions', sessionId: session.id });
    return session;
  }

  // the invite functions are called by name: the generated types know them, the store does not
  const untyped = client as unknown as SupabaseClient;
  const invites = createInviteStore({
    async call(fn, args, changed) {
      const value: unknown = await unwrap(await untyped.rpc(fn, args));
      const id = (value as { id?: unknown; session_id?: unknown } | null)?.id ?? (value as { session_id?: unknown } | null)?.session_id;
      if (changed && typeof id === 'string') feed.publish({ kind: 'sessions', sessionId: id });
      return value;
    },
    async hostInvites(sessionId) {
      const rows = await unwrap(
        await client.from('session_invites').select('*').eq('session_id', sessionId).order('created_at', { ascending: false }).limit(1),
      );
      return rows ?? [];
    },
  });

  const db: AppDb = {
    kind: 'supabase',
    invites,
    ...createPersonaWrites(supabasePersonaCall(client as unknown as SupabaseClient)),
    ...createSettingsAccess(supabaseSettingsCall(client as unknown as SupabaseClient)),

    async userId() {
      const { data, error } = await client.auth.getSession();
      if (error) throw new NotAuthenticatedError({ cause: error, detail: error.message });
      if (!data.session) throw new NotAuthenticatedError();
      return data.session.user.id;
    },

    async startSession(input) {
      const { sessionType, personaId, replicaId } = checkStartInput(input);
      return write(
        client.rpc('start_session', {
          p_session_type: sessionType,
          p_persona_id: personaId,
          ...(replicaId ? { p_replica_id: replicaId } : {}),
        }),
      );
    },

    async attachConversation(sessionId, conversationId, conversationUrl, meetingToken) {
      checkSessionId(sessionId, 'attachConversation');
      return write(
        client.rpc('attach_conversation', {
          p_session_id: sessionId,
          p_conversation_id: conversationId,
          p_conversation_url: conversationUrl,
          ...(meetingToken ? { p_meeting_token: meetingToken } : {}),
        }),
      );
    },

    async endSession(sessionId, reason = 'user_ended') {
      checkSessionId(sessionId, 'endSession');
      return write(client.rpc('end_session', { p_session_id: sessionId, p_reason: reason }));
    },

    async failSession(sessionId, error) {
      checkSessionId(sessionId, 'failSession');
      return write(client.rpc('fail_session', { p_session_id: sessionId, p_error: error }));
    },

    async currentSession() {
      const row = await unwrap(
        await client
          .from('sessions')
          .select('*')
          .in('status', ['starting', 'active'])
          .order('created_at', { ascending: false })
          .limit(1)
          .maybeSingle(),
      );
      return row === null ? null : parseRow(sessionSchema, row, 'session');
    },

    async getSession(id) {
      if (!isUuid(id)) return null;
      const row = await unwrap(await client.from('sessions').select('*').eq('id', id).maybeSingle());
      return row === null ? null : parseRow(sessionSchema, row, 'session');
    },

    async listSessions(request) {
      const { offset, limit } = checkPage(request);
      const result = await client
        .from('sessions')
        .select('*', { count: 'exact' })
        .order('created_at', { ascending: false })
        .order('id', { ascending: false })
        .range(offset, offset + limit - 1);
      if (result.error && (result.error as { code?: string }).code === 'PGRST103') {
        // A page past the end: PostgREST answers 416; the count alone is still worth having.
        const counted = await client.from('sessions').select('*', { count: 'exact', head: true });
        await unwrap(counted);
        return { rows: [], total: counted.count ?? 0 };
      }
      const rows = await unwrap(result);
      return { rows: parseRows(sessionSchema, rows, 'session'), total: result.count ?? 0 };
    },

    async usage() {
      const [usage, plans] = await Promise.all([client.from('my_usage').select('*').maybeSingle(), db.plans()]);
      const row = await unwrap(usage);
      if (row === null) {
        // RLS hides the row from a visitor; a signed-in user without one has a broken account.
        const { data } = await client.auth.getSession();
        throw data.session ? new DbError('subscription_not_found') : new NotAuthenticatedError();
      }
      const parsed = parseRow(usageRowSchema, row, 'usage');
      const plan = plans.find((p) => p.id === parsed.plan_id);
      if (!plan) throw new DbError('db_error', `Your plan ${parsed.plan_id} is missing from the plans list. Reload the page.`);
      return toUsage(parsed, plan);
    },

    async plans() {
      const rows = await unwrap(await client.from('plans').select('*').order('monthly_minutes').order('id'));
      return parseRows(planSchema, rows, 'plan');
    },

    async listSessionHistory(request) {
      const { offset, limit } = checkPage(request);
      const result = await client
        .from('my_session_history')
        .select('*', { count: 'exact' })
        .order('created_at', { ascending: false })
        .order('id', { ascending: false })
        .range(offset, offset + limit - 1);
      if (result.error && (result.error as { code?: string }).code === 'PGRST103') {
        const counted = await client.from('my_session_history').select('*', { count: 'exact', head: true });
        await unwrap(counted);
        return { rows: [], total: counted.count ?? 0 };
      }
      const rows = await unwrap(result);
      return { rows: parseRows(sessionHistorySchema, rows, 'session'), total: result.count ?? 0 };
    },

    async usageReport() {
      const [days, breakdown] = await Promise.all([
        client.from('my_usage_days').select('*').order('usage_date'),
        client.from('my_usage_breakdown').select('*'),
      ]);
      return toUsageReport(await unwrap(days), await unwrap(breakdown));
    },

    async listPersonas() {
      const rows = await unwrap(await client.from('personas').select('*').order('updated_at', { ascending: false }).order('id'));
      return parseRows(personaSchema, rows, 'persona');
    },

    async getPersona(id) {
      if (!isUuid(id)) return null;
      const row = await unwrap(await client.from('personas').select('*').eq('id', id).maybeSingle());
      return row === null ? null : parseRow(personaSchema, row, 'persona');
    },

    subscribe(onChange) {
      return feed.subscribe(onChange);
    },

    async close() {
      auth.data.subscription.unsubscribe();
      feed.close();
    },
  };
  return db;
}
