import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { clearLeftNote, heldByAnotherTab, readLeftNote } from './ownership';

/** A start that has not attached its conversation after this long was abandoned (its tab is gone). */
export const STALE_START_MS = 60_000;

/**
 * A tab that left mid-call and is back within this long was reloaded (or reopened): its call is
 * still there, since Tavus keeps the conversation for participant_left_timeout after everyone left.
 * Later than that, the tab is taken as gone and its session is ended. The same figure as the
 * conversation properties' (a test holds them equal; importing them here would load the session
 * client with the start page).
 */
export const RETURN_WINDOW_MS = 60_000;

export type OpenSessionState =
  | { kind: 'none' }
  /** Its tab closed and did not come back in time: ended now, charged from the server's timestamps. */
  | { kind: 'ended_on_leave'; session: Session }
  /** Past its time limit: Tavus has shut the call down, so it was ended. */
  | { kind: 'ended_at_limit'; session: Session }
  | { kind: 'other_tab'; session: Session }
  /** Active and nobody in this browser is in the call: a crashed tab, or another device. */
  | { kind: 'running'; session: Session }
  | { kind: 'starting'; session: Session; stale: boolean };

export function deadlineOf(session: Session): number | null {
  if (!session.started_at) return null;
  return Date.parse(session.started_at) + session.max_call_duration * 1000;
}

async function endQuietly(gateway: SessionGateway, id: string, reason: string): Promise<Session> {
  try {
    return await gateway.end(id, reason);
  } catch (error) {
    // loaded here, not with the start page: the error's module carries the catalogue's sentence
    const { ConversationEndUnconfirmedError } = await import('@/lib/sessions/types');
    if (error instanceof ConversationEndUnconfirmedError) return error.session;
    throw error;
  }
}

/** A session to end before it is shown: its tab left mid-call, or its time is up. */
export interface SessionToEnd {
  kind: 'to_end';
  session: Session;
  reason: string;
  /** What it is shown as once ended. */
  as: 'ended_on_leave' | 'ended_at_limit';
}

/**
 * What an open session found on load is, without changing it: reading never ends or charges. A tab
 * that closed or reloaded mid-call left a note: back within RETURN_WINDOW_MS it returns to the call
 * (a reload); later, the tab is gone and the session is to be ended (`settleOpenSession`), as is a
 * session past its time limit, so that returning to the app never finds an orphan. A session whose
 * call is held by another tab is left to that tab. One nobody here holds is offered back to the user
 * (its call may still be running, on another device or after a crash).
 */
export async function inspectOpenSession(session: Session | null, now = Date.now()): Promise<OpenSessionState | SessionToEnd> {
  if (!session) return { kind: 'none' };
  if (session.status === 'ended' || session.status === 'failed') {
    clearLeftNote(session.id); // a note outlived its session: nothing of the database changes
    return { kind: 'none' };
  }
  if (session.status === 'starting') {
    return { kind: 'starting', session, stale: now - Date.parse(session.created_at) > STALE_START_MS };
  }
  const note = readLeftNote(session.id);
  // back in time: the call goes on; the note stays until the call is shown again, so a tab that
  // only looks (the start page) and leaves still ends the session on a later load
  const back = note !== null && now - note.at >= 0 && now - note.at < RETURN_WINDOW_MS;
  if (note && !back) return { kind: 'to_end', session, reason: note.reason, as: 'ended_on_leave' };
  if (await heldByAnotherTab(session.id)) return { kind: 'other_tab', session };
  const deadline = deadlineOf(session);
  if (deadline !== null && now >= deadline) return { kind: 'to_end', session, reason: 'limit_reached', as: 'ended_at_limit' };
  return { kind: 'running', session };
}

/**
 * The write that follows such a find: ends the session (ending twice changes nothing: another
 * tab may have done it) and forgets the tab's note.
 */
export async function settleOpenSession(found: SessionToEnd, gateway: SessionGateway): Promise<OpenSessionState> {
  const ended = await endQuietly(gateway, found.session.id, found.reason);
  if (found.as === 'ended_on_leave') clearLeftNote(found.session.id);
  return { kind: found.as, session: ended };
}
