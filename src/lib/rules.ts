/**
 * Rules the browser, the edge functions and the database all apply, written once. The database
 * states them again in SQL (it cannot import TypeScript); test/unit/rules.test.ts checks that the
 * migrations say the same.
 */

/** A Tavus id (persona, replica, conversation, ...): letters, digits, - and _, at most 128 of them. */
export const TAVUS_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Why a session ended, as stored: a short lowercase code such as user_ended or tab_closed. */
export const END_REASON_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Under this many seconds left, a session is not worth a call: start_session refuses it. */
export const MIN_SECONDS_TO_START = 30;

/** What the user wants to reflect on, as typed on the start page: at most this many characters. */
export const REFLECT_ON_MAX_LENGTH = 500;

/** No control characters (newlines included): the text is read out to the replica as one line. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Why a reflection topic is refused, or null when it may be used (trimmed; empty means none). */
export function reflectOnProblem(text: string): string | null {
  const trimmed = text.trim();
  if ([...trimmed].length > REFLECT_ON_MAX_LENGTH)
    return `What you want to reflect on is ${[...trimmed].length} characters long; keep it to ${REFLECT_ON_MAX_LENGTH}.`;
  if (CONTROL_CHARACTERS.test(trimmed))
    return 'What you want to reflect on contains a line break or another control character; write it on one line.';
  return null;
}
