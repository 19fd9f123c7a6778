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
