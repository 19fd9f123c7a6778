import { z } from 'zod';
import { DbError } from './errors';
import { parseRow, parseRows, SESSION_STATUSES, SESSION_TYPES } from './schemas';

/**
 * "Resolve together" in the database (supabase/migrations/20261202002000_session_invites.sql): the
 * host's invite, what the partner sees before joining, and the session as the partner reads it
 * (never the host's row: no charge, transcript or recording). The same calls for both drivers;
 * each driver hands in how it calls a function and reads a row.
 */

const timestamp = z.string().min(1);

export const inviteSchema = z.looseObject({
  session_id: z.uuid(),
  token: z.string().regex(/^[0-9a-f]{64}$/),
  code: z.string().length(6),
  host_name: z.string(),
  expires_at: timestamp,
  /** Present on the invite as the host reads it back. */
  partner_name: z.string().nullish(),
  redeemed_at: timestamp.nullish(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const invitePreviewSchema = z.looseObject({
  host_name: z.string(),
  session_type: z.enum(SESSION_TYPES),
  session_status: z.enum(SESSION_STATUSES),
  expires_at: timestamp,
  joined: z.boolean(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

export const joinedSessionSchema = z.looseObject({
  id: z.uuid(),
  session_type: z.enum(SESSION_TYPES),
  status: z.enum(SESSION_STATUSES),
  host_name: z.string(),
  partner_name: z.string().nullable(),
  tavus_conversation_id: z.string().nullable(),
  conversation_url: z.string().nullable(),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  ended_at: timestamp.nullable(),
  max_call_duration: z.number().int(),
  end_reason: z.string().nullable(),
  /** The private room's meeting_token, with a redeemed invite only, while the session runs. */
  meeting_token: z.string().nullish(),
});
export type JoinedSession = z.infer<typeof joinedSessionSchema>;

const roomSchema = z.looseObject({ session_id: z.uuid(), meeting_token: z.string().nullable() });

/**
 * A lookup of an invite that does not exist is answered, not raised: raising would take back the
 * database's record of the miss, which the limit on guessing codes counts
 * (20261203000200_invite_attempts.sql). Here it becomes the same error as any other refusal.
 */
const refusalSchema = z.object({ refused: z.literal('invite_not_found'), detail: z.string() });
function unlessRefused(value: unknown): unknown {
  const refusal = refusalSchema.safeParse(value);
  if (refusal.success) throw new DbError('invite_not_found', undefined, { detail: refusal.data.detail });
  return value;
}

/** The invites of sessions together, as the signed-in (or local) user. */
export interface InviteStore {
  /** A new invite to the host's running session (an unused earlier one stops working); no name: the last one given. */
  createInvite(sessionId: string, hostName?: string): Promise<Invite>;
  /** The host's latest invite to the session, with the partner's name once they joined; null when none. */
  hostInvite(sessionId: string): Promise<Invite | null>;
  /** What a person sees before joining, by the link's token or the code. */
  previewInvite(key: string): Promise<InvitePreview>;
  /** Joins as the session's partner; the partner again gets the same session. */
  redeemInvite(key: string, partnerName: string): Promise<JoinedSession>;
  joinedSession(sessionId: string): Promise<JoinedSession>;
  /** The meeting_token of the session's private room, for its host or its partner, while it runs (else null). */
  sessionRoom(sessionId: string): Promise<string | null>;
  /** Ends the session for both (charged to the host, once). */
  endJoinedSession(sessionId: string, reason?: string): Promise<JoinedSession>;
  /** The sessions the user joined as a partner, newest first. */
  joinedSessions(): Promise<JoinedSession[]>;
}

export interface InviteCalls {
  /**
   * Calls public.<fn> with named arguments (in this order) and answers its jsonb result; `notify`: the
   * call changed the session named by the result's `id` or `session_id`, so other tabs hear of it.
   */
  call(fn: string, args: Record<string, unknown>, notify?: boolean): Promise<unknown>;
  /** The host's invites to a session, newest first (row-level security picks the host's). */
  hostInvites(sessionId: string): Promise<unknown[]>;
}

// not shared.ts's: that module's types import this one
function checkSessionId(value: string, what: string): string {
  if (!z.uuid().safeParse(value).success) {
    throw new DbError('invalid_argument', `${what} needs a session id (a uuid), got ${JSON.stringify(value)}; nothing was changed.`);
  }
  return value;
}

function checkKey(key: string): string {
  const trimmed = key.trim();
  if (!trimmed || trimmed.length > 200) throw new DbError('invite_not_found');
  return trimmed;
}

export function createInviteStore(calls: InviteCalls): InviteStore {
  const joined = (value: unknown) => parseRow(joinedSessionSchema, value, 'joined session');
  return {
    async createInvite(sessionId, hostName) {
      checkSessionId(sessionId, 'createInvite');
      const value = await calls.call('create_invite', { p_session_id: sessionId, p_host_name: hostName ?? null }, true);
      return parseRow(inviteSchema, value, 'invite');
    },
    async hostInvite(sessionId) {
      checkSessionId(sessionId, 'hostInvite');
      const [latest] = parseRows(inviteSchema, await calls.hostInvites(sessionId), 'invite');
      return latest ?? null;
    },
    async previewInvite(key) {
      const value = unlessRefused(await calls.call('preview_invite', { p_invite: checkKey(key) }));
      return parseRow(invitePreviewSchema, value, 'invite preview');
    },
    async redeemInvite(key, partnerName) {
      // the host's tabs hear that the partner is there
      return joined(unlessRefused(await calls.call('redeem_invite', { p_invite: checkKey(key), p_partner_name: partnerName }, true)));
    },
    async joinedSession(sessionId) {
      checkSessionId(sessionId, 'joinedSession');
      return joined(await calls.call('joined_session', { p_session_id: sessionId }));
    },
    async sessionRoom(sessionId) {
      checkSessionId(sessionId, 'sessionRoom');
      return parseRow(roomSchema, await calls.call('session_room', { p_session_id: sessionId }), 'session room').meeting_token;
    },
    async endJoinedSession(sessionId, reason = 'user_ended') {
      checkSessionId(sessionId, 'endJoinedSession');
      return joined(await calls.call('end_joined_session', { p_session_id: sessionId, p_reason: reason }, true));
    },
    async joinedSessions() {
      return parseRows(joinedSessionSchema, await calls.call('my_joined_sessions', {}), 'joined session');
    },
  };
}
