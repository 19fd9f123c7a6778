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

// The start page's own words are in their own module, so the first page loads none of the catalogue.
export { alreadyOpenAdvice, homeIntro, SETTINGS_FAILED_TEXT } from './start-page-messages';
export { NOT_RECORDED_TEXT, RECORDED_TEXT, STARTING_ELSEWHERE } from './home/shown-later-messages';

// The session's page's words (it loads the catalogue anyway): no part of the first page.
/** The call screen's next words, once the session is reserved and its page reads it. */
export const OPENING_CALL_TEXT = 'Opening the call…';
/** A session still being started, seen from a page that cannot tell which tab started it. */
export const STILL_STARTING = 'This session is still being started. This page updates when it is ready.';

/** A private room refused the join: neither this browser nor the session's record holds its meeting_token. */
export const ROOM_REFUSED_TEXT =
  "The call's private room did not let this browser in: neither this browser nor the session's record holds its meeting token. End the session and start a new one.";
