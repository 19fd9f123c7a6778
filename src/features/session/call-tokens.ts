/**
 * The meeting_token of each private room this browser started, by session: the call's URL lives in
 * the session's record, its token here, so a reload (or a tab reopened within the call's
 * participant_left_timeout) joins the same room again. Kept in localStorage like the tab's left
 * note, never sent anywhere but to the room, and forgotten when the session ends.
 */
const PREFIX = 'awaknow.meeting-token.';

export function keepMeetingToken(sessionId: string, token: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + sessionId, token);
  } catch {
    // storage refused: this tab still holds the token in memory
  }
}

export function meetingTokenOf(sessionId: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(PREFIX + sessionId) ?? undefined;
  } catch {
    return undefined;
  }
}

export function forgetMeetingToken(sessionId: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + sessionId);
  } catch {
    // nothing to forget
  }
}
