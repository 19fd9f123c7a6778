import { describeShutdownReason } from '@/lib/tavus/shutdown-reasons';
import type { TavusMode } from '@/config';

export interface Explained {
  code: string;
  /** What happened, in a sentence. */
  title: string;
  /** What to do about it. */
  advice: string;
}

type TavusLike = { code?: unknown; status?: unknown; message?: unknown; retryAfterMs?: unknown };

function keySetting(mode: TavusMode): string {
  return mode === 'proxy' ? 'the TAVUS_API_KEY secret of the tavus function' : 'VITE_TAVUS_API_KEY';
}

const NOTHING_CHARGED = 'Nothing was charged to your minutes.';

/**
 * Every failure of a start or an end, in words that say what to do. Database codes carry their own
 * advice (DbError messages); Tavus codes are explained here for the mode in use.
 */
export function explainError(error: unknown, mode: TavusMode): Explained {
  const { code, message, retryAfterMs } = (error ?? {}) as TavusLike;
  const said = typeof message === 'string' && message ? message : String(error);
  const name = (error as { name?: unknown } | null)?.name;

  if (name === 'DbError' || (typeof name === 'string' && name.endsWith('Error') && isDbCode(code))) {
    return { code: String(code), title: DB_TITLES[String(code)] ?? 'The session could not be saved.', advice: said };
  }
  switch (code) {
    case 'invalid_api_key':
      return { code, title: 'Tavus refused the API key.', advice: `Check ${keySetting(mode)}, then try again. ${NOTHING_CHARGED}` };
    case 'out_of_credits':
      return { code, title: 'The Tavus account is out of conversational credits.', advice: `Add credits in the Tavus dashboard, then try again. ${NOTHING_CHARGED}` };
    case 'concurrency_limit':
      return {
        code,
        title: 'The Tavus account already runs as many conversations as it may.',
        advice: `Wait for another conversation to end (or end it in Studio, Conversations), then try again. ${NOTHING_CHARGED}`,
      };
    case 'not_found':
    case 'invalid_request':
      return {
        code,
        title: `Tavus did not accept the request (${said}).`,
        advice: `Check that the persona and replica (VITE_TAVUS_PERSONA_ID, VITE_TAVUS_REPLICA_ID) exist on this account. ${NOTHING_CHARGED}`,
      };
    case 'rate_limited': {
      const wait = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? `${Math.ceil(retryAfterMs / 1000)} seconds` : 'a minute';
      return { code, title: 'Tavus is receiving too many requests.', advice: `Wait ${wait}, then try again. ${NOTHING_CHARGED}` };
    }
    case 'server_error':
      return { code, title: `Tavus had a server error (${said}).`, advice: `Try again in a minute; if it persists, check status.tavus.io. ${NOTHING_CHARGED}` };
    case 'connection_error':
    case 'timeout':
      return {
        code,
        title: mode === 'proxy' ? 'The server could not be reached.' : 'Tavus could not be reached.',
        advice: `Check your connection, then try again. Any call that was being set up has been ended. ${NOTHING_CHARGED}`,
      };
    case 'aborted':
      return { code, title: 'The request was cancelled.', advice: `Try again. ${NOTHING_CHARGED}` };
    case 'unexpected_response':
      return { code, title: `Tavus answered in an unexpected way (${said}).`, advice: `Try again; if it persists, the Tavus API may have changed. ${NOTHING_CHARGED}` };
  }
  if (name === 'ConversationEndUnconfirmedError') return { code: 'end_unconfirmed', title: 'The call may still be closing at Tavus.', advice: said };
  return { code: typeof code === 'string' ? code : 'unknown', title: 'Something went wrong.', advice: `${said}. Try again; if it keeps failing, reload the page.` };
}

const DB_TITLES: Record<string, string> = {
  usage_limit_reached: 'You have no minutes left this period.',
  session_already_active: 'A session is already running.',
  daily_limit_reached: "You have had today's sessions.",
  not_authenticated: 'You are not signed in.',
  session_not_found: 'This session was not found.',
  session_not_starting: 'This session has already started or finished.',
  session_type_not_allowed: 'Your plan does not include this kind of session.',
  subscription_inactive: 'Your subscription is not active.',
  subscription_not_found: 'Your account has no plan yet.',
  conversation_already_attached: 'This conversation belongs to another session.',
  invalid_argument: 'The request was not valid.',
  db_error: 'The database could not complete the request.',
};

function isDbCode(code: unknown): boolean {
  return typeof code === 'string' && code in DB_TITLES;
}

/** End reasons as people read them. */
export function describeEndReason(reason: string | null | undefined): string {
  switch (reason) {
    case 'user_ended':
      return 'you ended it';
    case 'limit_reached':
      return 'the time limit was reached';
    case 'tab_closed':
      return 'its tab was closed or reloaded';
    case 'replica_left':
      return 'the replica left the call';
    case 'call_engine_unavailable':
      return 'the video call could not be loaded';
    case 'call_error':
      return 'the call was interrupted';
    case 'left_page':
      return 'you left the call page';
    case 'expired':
      return 'it was left open past its time limit';
    case 'start_abandoned':
      return 'its start was cancelled';
    case null:
    case undefined:
    case '':
      return 'it ended';
    default:
      return describeShutdownReason(reason) ?? reason.replace(/_/g, ' ');
  }
}
