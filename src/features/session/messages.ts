import type { TavusMode } from '@/config';
import { DbError } from '@/lib/db/errors';
import {
  ERROR_CATALOGUE,
  forMode,
  isCatalogueCode,
  NOTHING_CHARGED,
  sentence,
  TAVUS_ERRORS,
  UNKNOWN_ERROR,
  waitAdvice,
  type CatalogueEntry,
} from '@/lib/error-catalogue';
import { ConversationEndUnconfirmedError } from '@/lib/sessions/types';

type Coded = { code?: unknown; message?: unknown; retryAfterMs?: unknown; serverMessage?: unknown };

export interface Explained {
  code: string;
  /** What happened, in a sentence. */
  title: string;
  /** What to do about it. */
  advice: string;
}

// Tavus refused or failed before any call ran: a failed start charges nothing
const TAVUS_CODES = new Set<string>(Object.keys(TAVUS_ERRORS));

// Tavus's own words add to these titles; for the others the title says all
const WITH_TAVUS_WORDS = new Set<string>(['not_found', 'invalid_request', 'server_error', 'unexpected_response']);

function joined(...parts: Array<string | undefined>): string {
  return parts.filter((part): part is string => Boolean(part && part.trim())).join(' ');
}

/**
 * Every failure of a start or an end, in words that say what to do: the error catalogue's title
 * and advice for the code (src/lib/error-catalogue.ts), with what the failure itself adds.
 */
export function explainError(error: unknown, mode: TavusMode): Explained {
  const { code, message, retryAfterMs, serverMessage } = (error ?? {}) as Coded;
  const said = typeof message === 'string' && message ? message : String(error);
  const key = error instanceof ConversationEndUnconfirmedError ? 'conversation_end_unconfirmed' : code;
  if (!isCatalogueCode(key)) {
    return { code: typeof code === 'string' ? code : 'unknown', title: UNKNOWN_ERROR.title, advice: joined(said, UNKNOWN_ERROR.advice) };
  }
  const name = key;
  const entry: CatalogueEntry = ERROR_CATALOGUE[key];
  let title = forMode(entry.title, mode);
  let advice = forMode(entry.advice, mode);
  if (error instanceof DbError) {
    // its message is the catalogue's sentence, with the database's detail or a cause of its own: never the title twice
    const rest = said.startsWith(title) ? said.slice(title.length).trim() : said;
    return { code: name, title, advice: rest.startsWith('(') ? joined(advice, rest) : rest || advice };
  }
  if (name === 'rate_limited') advice = waitAdvice(retryAfterMs);
  if (WITH_TAVUS_WORDS.has(name) && typeof serverMessage === 'string' && serverMessage)
    title = `${title.replace(/\.$/, '')} (${serverMessage}).`;
  if (TAVUS_CODES.has(name)) return { code: name, title, advice: joined(advice, NOTHING_CHARGED) };
  // the server's own message, when it says more than the catalogue (the secret to set, say)
  const more = said !== sentence(name, mode) && said !== name ? `(${said})` : undefined;
  return { code: name, title, advice: joined(advice, more) };
}

export { describeEndReason } from '@/lib/sessions/words';

/** The start page's first sentence: the replica appears once the call starts, not on this page. */
export function homeIntro(upTo: string): string {
  return `A guided reflection with a video replica that listens and answers: talk, or type your answers, for up to ${upTo}.`;
}

/**
 * A start refused because a session is already open (two tabs pressed Start, say): where that session
 * is, said once in the refusal, in place of the start page's notice about the open session.
 */
export function alreadyOpenAdvice(where: 'other_tab' | 'running' | 'starting'): string {
  switch (where) {
    case 'other_tab':
      return 'It is running in another tab of this browser, and only one session can run at a time.';
    case 'running':
      return 'It is running elsewhere (another device, or a tab that has closed), and only one session can run at a time.';
    case 'starting':
      return 'Another tab is starting it at this moment, and only one session can run at a time. This page updates when it is ready.';
  }
}

/** A session still being started, seen from a page that cannot tell which tab started it. */
export const STILL_STARTING = 'This session is still being started. This page updates when it is ready.';
/** A session being started that this tab did not start. */
export const STARTING_ELSEWHERE = 'A session is being started in another tab or on another device. This page updates when it is ready.';

/** A private room refused the join: this browser holds no meeting_token for the session. */
export const ROOM_REFUSED_TEXT =
  "The call's private room did not let this browser in: it holds no meeting token for this session (it was started elsewhere, or this browser's storage was cleared). End the session and start a new one.";

/** Before the catalogue's words for a failed read or change of the user's settings. */
export const SETTINGS_FAILED_TEXT = 'Your settings could not be read or kept:';

/** Said beside the recording choice on the start page, before any call is made. */
export const RECORDED_TEXT =
  "This session will be recorded: the video call is saved to this site's storage, and its record shows when the recording has arrived.";
export const NOT_RECORDED_TEXT = 'This session will not be recorded unless you tick the box.';
