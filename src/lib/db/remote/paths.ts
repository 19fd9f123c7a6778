/**
 * Where the dev server's shared local database answers (VITE_LOCAL_DATA=dev-server), and how a
 * browser names its account there. Apart from protocol.ts so the room's link (room-link.ts) can use
 * them without the schemas.
 */
export const LOCAL_DB_PATH = '/__awaknow/local-db';
/** Server-Sent Events: `change` events with a DbChange, for this account's subscribe(). */
export const LOCAL_DB_EVENTS_PATH = '/__awaknow/local-db/events';
/** The simulated room of a conversation: GET (Server-Sent Events) to hear, POST to speak. */
export const LOCAL_ROOM_PATH = '/__awaknow/local-room/';
export const ACCOUNT_HEADER = 'x-awaknow-account';
/** EventSource sends no headers: its account key travels in the query instead. */
export const ACCOUNT_PARAM = 'account';
/** A browser's account key: 32 random bytes in hex, made once and kept in its localStorage. */
export const ACCOUNT_KEY_PATTERN = /^[0-9a-f]{64}$/;
/** Conversation ids as Tavus and the simulator make them: letters and digits, nothing to escape. */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
