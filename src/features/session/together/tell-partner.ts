import type { CallChannel } from '../call/events';
import { forgetNote, keepNote, readNote } from '../session-note';

/**
 * The replica of a session together is told once that the partner has arrived (Tavus's
 * conversation.overwrite_llm_context, sent by the host's call): as soon as the message can reach
 * it, and never again for the same partner of the same session. Tavus keeps the context it was
 * given for the rest of the conversation, so a reload of the host's tab (or a tab reopened within
 * the call's participant_left_timeout) tells nothing again: the note of it is kept in
 * localStorage, like the room's meeting token, and forgotten when the host ends the session.
 * When storage refuses: a reload may tell the replica again, which changes nothing of its context.
 */
const PREFIX = 'awaknow.partner-told.';

export type People = { hostName: string; partnerName: string };

const toldAlready = (sessionId: string, partnerName: string): boolean => readNote(PREFIX + sessionId) === partnerName;

export const forgetPartnerTold = (sessionId: string): void => forgetNote(PREFIX + sessionId);

/**
 * Tells the call's replica that the partner has arrived, once: now if the message reaches it (the
 * call is joined and the replica in the room), else at the first moment it does. A partner who
 * joins before the host's call is up is told when it is; one told before is only made known to a
 * replica that starts afresh (the simulated one after a reload), without a second welcome.
 * Returns the function that stops waiting.
 */
export function tellPartnerOnce(channel: CallChannel, sessionId: string, people: People): () => void {
  if (toldAlready(sessionId, people.partnerName)) {
    channel.partnerPresent?.(people);
    return () => undefined;
  }
  const tell = (): boolean => {
    if (toldAlready(sessionId, people.partnerName)) return true;
    if (channel.readiness() !== 'ready' || !channel.partnerArrived) return false;
    try {
      channel.partnerArrived(people);
    } catch {
      return false; // the call refused it (it is ending): nothing was told
    }
    keepNote(PREFIX + sessionId, people.partnerName);
    return true;
  };
  if (tell()) return () => undefined;
  let stopped = false;
  const unsubscribe = channel.onReadiness((readiness) => {
    if (!stopped && readiness === 'ready' && tell()) stop();
  });
  function stop() {
    stopped = true;
    unsubscribe();
  }
  return stop;
}
