import { forgetNote, keepNote, readNote } from './session-note';

/**
 * The meeting_token of each private room this browser started, by session: the call's URL lives in
 * the session's record, its token here, so a reload (or a tab reopened within the call's
 * participant_left_timeout) joins the same room again. Kept in localStorage like the tab's left
 * note, never sent anywhere but to the room, and forgotten when the session ends.
 * When storage refuses: this tab still holds the token in memory, and the host's call reads it from the database.
 */
const PREFIX = 'awaknow.meeting-token.';

export const keepMeetingToken = (sessionId: string, token: string): void => keepNote(PREFIX + sessionId, token);
export const meetingTokenOf = (sessionId: string): string | undefined => readNote(PREFIX + sessionId);
export const forgetMeetingToken = (sessionId: string): void => forgetNote(PREFIX + sessionId);
