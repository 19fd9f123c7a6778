import type { SessionType } from '@/lib/db';
import { catalogueEntry, forMode } from '@/lib/error-catalogue';
import { describeShutdownReason } from '@/lib/tavus/shutdown-reasons';

/** A session's codes as people read them, for every page that shows a session. */

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  reflect_alone: 'Reflect alone',
  resolve_together: 'Resolve together',
};

/** Why a session ended, worded to follow "This session has ended: " (and capitalised where it stands alone). */
const END_REASONS: Record<string, string> = {
  user_ended: 'you ended it',
  limit_reached: 'the time limit was reached',
  tab_closed: 'its tab was closed or reloaded',
  replica_left: 'the replica left the call',
  call_engine_unavailable: 'the video call could not be loaded',
  call_error: 'the call was interrupted',
  left_page: 'you left the call page',
  expired: 'it was left open past its time limit',
  start_abandoned: 'its start was cancelled',
  tavus_shutdown: 'Tavus ended the call',
  expired_before_start: 'its start never finished',
};

/** A persona neither the personas table nor the start-up check names: its id, said to be one. */
export function unknownPersona(personaId: string): string {
  return `Unknown persona (${personaId})`;
}

/** Known end codes and Tavus's documented shutdown reasons in words; anything else with its underscores as spaces. */
export function describeEndReason(reason: string | null | undefined): string {
  if (!reason) return 'it ended';
  return END_REASONS[reason] ?? describeShutdownReason(reason) ?? reason.replace(/_/g, ' ');
}

/** The step of a start that failed, as a failed session records it (`<step>: <code>: <message>`). */
const FAILED_STEPS: Record<string, string> = {
  conversation_create_failed: 'Tavus could not start the call',
  attach_failed: 'The call could not be recorded with the session',
};

export interface FailureWords {
  /** What went wrong, in words. */
  words: string;
  /** The recorded text, when the words leave something out (shown behind a disclosure). */
  detail: string | null;
}

/** A failed session's recorded error in words: the step, then the catalogue's title for the code. */
export function describeSessionFailure(recorded: string | null | undefined): FailureWords {
  if (!recorded) return { words: 'No error was recorded.', detail: null };
  const [step = '', code = ''] = recorded.split(': ');
  const stepWords = FAILED_STEPS[step];
  if (!stepWords) return { words: recorded, detail: null };
  // the server and the browser record Tavus's failures alike, so the title for direct mode fits both
  const entry = catalogueEntry(code);
  return { words: entry ? `${stepWords}. ${forMode(entry.title, 'direct')}` : `${stepWords}.`, detail: recorded };
}
