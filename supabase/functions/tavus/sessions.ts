import { z } from 'zod';
import { authenticate } from '../_shared/auth.ts';
import { serverSessions, type ServerSessions } from '../_shared/db.ts';
import { ApiError, describeIssue, json, readJson, type Logger } from '../_shared/http.ts';
import type { SessionRow } from '../_shared/session-row.ts';
import { anonClient, serviceClient } from '../_shared/supabase.ts';
import type { TavusUpstream } from '../_shared/tavus.ts';
import { sessionCallbackUrl } from '../_shared/webhook-token.ts';
import { settleCalls, stopCall } from './calls.ts';
import { upstream, type TavusDeps } from './deps.ts';

/**
 * The start and end of a session, run on the server with the server's key, persona, replica and
 * call settings. The browser chooses only the session type; any other field is refused, so nobody
 * can lengthen a call, pick another persona or act for another user. The database is written with
 * the service role for the user of the verified JWT: in a proxy deployment users cannot write
 * sessions themselves, so no session starts, attaches or ends without its call doing the same.
 */

// calls of the user's earlier sessions looked up at Tavus before a start
const CALLS_CHECKED_PER_START = 5;

// the same fixed properties as the client-side sequence; max_call_duration comes from the reservation
const CALL_PROPERTIES = {
  participant_left_timeout: 60,
  participant_absent_timeout: 120,
  enable_closed_captions: true,
  language: 'english',
} as const;

const startBody = z.strictObject({
  session_type: z.enum(['reflect_alone', 'resolve_together'], { error: 'must be reflect_alone or resolve_together' }),
});

const endBody = z
  .strictObject({
    reason: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a short code such as user_ended or tab_closed').optional(),
  })
  .optional();

function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const unknownKeys = parsed.error.issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys && 'keys' in unknownKeys) {
    throw new ApiError(400, 'invalid_argument', `The server decides ${unknownKeys.keys.join(', ')}: send only the fields this route accepts. Nothing was changed.`);
  }
  throw new ApiError(400, 'invalid_argument', `${describeIssue(parsed.error.issues)}. Nothing was changed.`);
}

interface SignedIn {
  userId: string;
  db: ServerSessions;
}

async function signedIn(request: Request, deps: TavusDeps): Promise<SignedIn> {
  const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY } = deps.settings.require('SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY');
  const { user } = await authenticate(request, anonClient(SUPABASE_URL, SUPABASE_ANON_KEY, deps.supabaseFetch), deps.log);
  return { userId: user.id, db: serverSessions(serviceClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, deps.supabaseFetch), deps.log) };
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** A Tavus 4xx means nothing was created; a timeout, a dropped connection or a 5xx may hide a conversation. */
function mayHaveCreated(error: unknown): boolean {
  return !(error instanceof ApiError) || ['connection_error', 'timeout', 'server_error', 'unexpected_response'].includes(error.code);
}

/** A starting session blocks every new start until it is closed, so closing it is tried more than once. */
async function release(db: ServerSessions, session: SessionRow, why: string, log: Logger): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      await db.fail(session.user_id, session.id, why.slice(0, 500));
      return;
    } catch (error) {
      // a session the user ended meanwhile is not starting any more: nothing to release
      if (error instanceof ApiError && error.code === 'session_not_starting') return;
      if (attempt === 3) log('releasing a reservation failed', { session: session.id, error: describe(error) });
    }
  }
}

async function endQuietly(tavus: TavusUpstream, conversationId: string, log: Logger): Promise<void> {
  await tavus.endConversation(conversationId).catch((error: unknown) =>
    log('ending a conversation during cleanup failed', { conversation: conversationId, error: describe(error) }),
  );
}

/** POST /tavus/sessions: reserve, create the conversation, attach; undo what was done when a step fails. */
export async function startSession(request: Request, deps: TavusDeps): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  const settings = deps.settings.require('TAVUS_PERSONA_ID', 'TAVUS_REPLICA_ID', 'TAVUS_WEBHOOK_SECRET', 'SUPABASE_URL');
  const tavus = upstream(deps);
  const body = parseBody(startBody, await readJson(request));

  // a call of an earlier session that Tavus never confirmed stopping keeps the slot taken: look first
  await settleCalls(db, tavus, await db.callsToCheck(userId, CALLS_CHECKED_PER_START), deps.now, deps.log);
  const session = await db.start(userId, body.session_type, settings.TAVUS_PERSONA_ID, settings.TAVUS_REPLICA_ID);
  const webhookBase = deps.settings.values.TAVUS_WEBHOOK_URL ?? `${settings.SUPABASE_URL}/functions/v1/tavus-webhook`;

  let conversation;
  try {
    conversation = await tavus.createConversation({
      persona_id: settings.TAVUS_PERSONA_ID,
      replica_id: settings.TAVUS_REPLICA_ID,
      conversation_name: session.conversation_name,
      callback_url: await sessionCallbackUrl(webhookBase, settings.TAVUS_WEBHOOK_SECRET, session.id),
      properties: { max_call_duration: session.max_call_duration, ...CALL_PROPERTIES },
    });
  } catch (error) {
    if (mayHaveCreated(error)) {
      const lost = await tavus.findActiveConversation(session.conversation_name).catch(() => null);
      if (lost) await endQuietly(tavus, lost.conversation_id, deps.log);
    }
    await release(db, session, `conversation_create_failed: ${describe(error)}`, deps.log);
    throw error;
  }

  let attached;
  try {
    attached = await db.attach(userId, session.id, conversation.conversation_id, conversation.conversation_url);
  } catch (error) {
    // credits run from creation: a conversation nobody recorded is ended before anything else
    await endQuietly(tavus, conversation.conversation_id, deps.log);
    await release(db, session, `attach_failed: ${describe(error)}`, deps.log);
    throw error;
  }

  return json({
    session: attached,
    conversation_url: conversation.conversation_url,
    ...(conversation.meeting_token ? { meeting_token: conversation.meeting_token } : {}),
  });
}

/**
 * POST /tavus/sessions/:id/end: ends and charges the session of the signed-in user (someone else's
 * session is not found, so no one can end another's call), then stops its Tavus conversation.
 * Repeating it is harmless: the session is charged once and ending again is a no-op.
 */
export async function endSession(request: Request, deps: TavusDeps, sessionId: string): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  if (!z.uuid().safeParse(sessionId).success) {
    throw new ApiError(400, 'invalid_argument', `${sessionId.slice(0, 60)} is not a session id. Nothing was changed.`);
  }
  const tavus = upstream(deps);
  const body = parseBody(endBody, await readJson(request));

  const session = await db.end(userId, sessionId, body?.reason ?? 'user_ended');
  await stopCall(db, tavus, session, deps.log);
  return json({ session });
}
