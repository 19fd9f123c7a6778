import { describeFailure, endSequence, startSequence } from '../../../src/lib/sessions/sequence.ts';
import { checkPersonName } from '../../../src/lib/sessions/together.ts';
import { sessionFields } from '../../../src/lib/sessions/options.ts';
import type { TavusLanguage } from '../../../src/lib/tavus/languages.ts';
import { ApiError, json, readJson } from '../_shared/http.ts';
import { sessionCallbackUrl } from '../_shared/webhook-token.ts';
import { recordingTarget } from '../_shared/settings.ts';
import { settleCalls, stopCall } from './calls.ts';
import { upstream, type TavusDeps } from './deps.ts';
import { endBody, optionsOf, parseBody, sessionId, signedIn, startBody } from './requests.ts';

/**
 * The server's adapter of the session sequence (src/lib/sessions/sequence.ts): the server's key,
 * persona, replica and call settings; the database written for the user of the verified JWT.
 */

// calls of the user's earlier sessions looked up at Tavus before a start
const CALLS_CHECKED_PER_START = 5;

/** POST /tavus/sessions: reserve, create the conversation, attach; undo what was done when a step fails. */
export async function startSession(request: Request, deps: TavusDeps): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  const settings = deps.settings.require('TAVUS_PERSONA_ID', 'TAVUS_REPLICA_ID', 'TAVUS_WEBHOOK_SECRET', 'SUPABASE_URL');
  const tavus = upstream(deps);
  const body = parseBody(startBody, await readJson(request));
  // a session together needs the host's name, asked before anything is reserved or created
  const hostName = body.session_type === 'resolve_together' ? checkPersonName(body.host_name ?? '') : null;
  if (body.session_type === 'resolve_together' && !hostName)
    throw new ApiError(400, 'invalid_name', 'A session together needs your name: 1 to 60 characters. Nothing was changed.');

  // a call of an earlier session that Tavus never confirmed stopping keeps the slot taken: look first
  await settleCalls(db, tavus, await db.callsToCheck(userId, CALLS_CHECKED_PER_START), deps.now, deps.log);
  // the user's kept choices: the language unless this start chose one, and the replica's memory
  const kept = await db.settings(userId);
  const memory = { enabled: kept.memory_enabled, generation: kept.memory_generation, userId, personaId: settings.TAVUS_PERSONA_ID };
  const fields = sessionFields(
    body.session_type,
    { language: kept.language as TavusLanguage, ...optionsOf(body) },
    memory,
    recordingTarget(deps.settings),
    hostName ? { hostName } : undefined,
  );
  const webhookBase = deps.settings.values.TAVUS_WEBHOOK_URL ?? `${settings.SUPABASE_URL}/functions/v1/tavus-webhook`;
  const { session, conversation } = await startSequence(
    {
      reserve: () => db.start(userId, body.session_type, settings.TAVUS_PERSONA_ID, settings.TAVUS_REPLICA_ID),
      // the room's token as Tavus answered the server's own create: no browser chooses it
      attach: (reserved, created) =>
        db.attach(userId, reserved.id, created.conversation_id, created.conversation_url, created.meeting_token ?? undefined),
      fail: (reserved, why) => db.fail(userId, reserved.id, why),
    },
    tavus.conversations,
    {
      personaId: settings.TAVUS_PERSONA_ID,
      replicaId: settings.TAVUS_REPLICA_ID,
      callbackUrl: (reserved) => sessionCallbackUrl(webhookBase, settings.TAVUS_WEBHOOK_SECRET, reserved.id),
      fields,
    },
    { log: deps.log, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
  );
  // the call runs already: an invite that could not be made is made again from the call screen
  const invite = hostName
    ? await db.createInvite(userId, session.id, hostName).catch((error: unknown) => {
        deps.log('creating the invite failed', { session: session.id, error: describeFailure(error) });
        return undefined;
      })
    : undefined;
  return json({
    session,
    conversation_url: conversation.conversation_url,
    ...(conversation.meeting_token ? { meeting_token: conversation.meeting_token } : {}),
    ...(invite ? { invite } : {}),
  });
}

/**
 * POST /tavus/sessions/:id/end: ends and charges the session of the signed-in user (someone else's
 * session is not found, so no one can end another's call), then stops its Tavus conversation.
 * Repeating it is harmless: the session is charged once and ending again is a no-op.
 */
export async function endSession(request: Request, deps: TavusDeps, id: string): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  sessionId(id);
  const tavus = upstream(deps);
  const body = parseBody(endBody, await readJson(request));
  const { session, unconfirmed } = await endSequence({
    end: () => db.end(userId, id, body?.reason ?? 'user_ended'),
    stopCall: (ended) => stopCall(db, tavus, ended, deps.log),
  });
  return endAnswer(session, unconfirmed);
}

/** The answer to an end: the ended session, or 502 when Tavus did not confirm that its call stopped. */
export function endAnswer(session: unknown, unconfirmed: unknown): Response {
  if (unconfirmed)
    throw new ApiError(
      502,
      'conversation_end_unconfirmed',
      `The session has ended, but Tavus did not confirm that the call stopped (${describeFailure(unconfirmed)}). Ending again is safe.`,
      {},
      { session },
    );
  return json({ session });
}
