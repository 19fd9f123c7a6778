import type { CallToCheck, ServerSessions } from '../_shared/db.ts';
import { describeFailure, isGone } from '../../../src/lib/sessions/sequence.ts';
import type { Logger } from '../_shared/http.ts';
import type { SessionRow } from '../_shared/session-row.ts';
import type { TavusUpstream } from '../_shared/tavus.ts';

/**
 * Stopping a session's Tavus call, and finding calls that outlived their session. Tavus bills a
 * conversation until it stops, whatever the database says, so the database keeps each call of a
 * closed session in view (and its user's slot taken) until Tavus is seen to have stopped it.
 */

/**
 * Ends the call of a session the server has just ended, if it is that session's own: the
 * conversation the server created for it carries the session's conversation name, so an id
 * attached from anywhere else is never ended with the server's key. Rejects with Tavus's failure
 * when Tavus does not confirm (the session sequence reports it with the ended session).
 */
export async function stopCall(db: ServerSessions, tavus: TavusUpstream, session: SessionRow, log: Logger): Promise<void> {
  const conversationId = session.tavus_conversation_id;
  if (!conversationId) return;
  let running = true;
  try {
    const conversation = await tavus.getConversation(conversationId);
    if (conversation.conversation_name !== session.conversation_name) {
      log('conversation not created for this session: left alone', { session: session.id, conversation: conversationId });
      running = false;
    } else {
      running = conversation.status !== 'ended';
    }
  } catch (error) {
    if (!isGone(error)) throw error;
    log('conversation already gone', { conversation: conversationId });
    running = false;
  }
  if (running) {
    await tavus.endConversation(conversationId).catch((error: unknown) => {
      if (!isGone(error)) throw error;
    });
  }
  try {
    await db.callEnded(session.id, null, 'server_end');
  } catch (error) {
    // the call has stopped; the sweep records it later
    log('recording a stopped call failed', { session: session.id, error: describeFailure(error) });
  }
}

export interface SettleReport {
  checked: number;
  /** Calls still running at Tavus, ended now. */
  ended: number;
  /** Calls Tavus could not be asked about; tried again next time. */
  unresolved: number;
}

/**
 * Asks Tavus about each call of a closed session not yet seen to stop: one still running is ended
 * now and charged up to now (within its cap); one already ended is charged up to its last update.
 */
export async function settleCalls(
  db: ServerSessions,
  tavus: TavusUpstream,
  calls: readonly CallToCheck[],
  now: () => number,
  log: Logger,
): Promise<SettleReport> {
  const report: SettleReport = { checked: calls.length, ended: 0, unresolved: 0 };
  for (const call of calls) {
    try {
      const conversation = await tavus.getConversation(call.conversation_id).catch((error: unknown) => {
        if (isGone(error)) return null;
        throw error;
      });
      if (conversation === null || conversation.conversation_name !== call.conversation_name) {
        // gone, or not a conversation this server made for the session: nothing of it to stop
        await db.callEnded(call.session_id, null, 'sweep');
      } else if (conversation.status === 'ended') {
        await db.callEnded(call.session_id, conversation.updated_at ?? null, 'sweep');
      } else {
        await tavus.endConversation(call.conversation_id).catch((error: unknown) => {
          if (!isGone(error)) throw error;
        });
        log('ended a call that outlived its session', { session: call.session_id, conversation: call.conversation_id });
        await db.callEnded(call.session_id, new Date(now()).toISOString(), 'sweep');
        report.ended += 1;
      }
    } catch (error) {
      report.unresolved += 1;
      log('checking a call failed', { session: call.session_id, error: describeFailure(error) });
    }
  }
  return report;
}
