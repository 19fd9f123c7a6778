import type { TavusErrorCode } from './tavus/errors.ts';

/**
 * Every error code the app can meet, once: who raises it, the HTTP status the edge functions answer
 * with, what happened (title) and what a person can do (advice). The database's codes are the ones
 * its functions raise (`raise exception '<code>'`), Tavus's are the client's TavusError codes, the
 * server's are the edge functions' own. Every message table (the database errors, the edge
 * functions' statuses, the proxy's typed errors, the session and studio messages) derives from
 * here; test/unit/error-catalogue.test.ts checks it against the migrations and the Tavus client and
 * renders the whole list for review. Relative imports only: Deno bundles this file too.
 */

/** The Tavus mode in use (the config's TavusMode), for advice that names where a setting lives. */
export type CatalogueMode = 'mock' | 'direct' | 'proxy';

export type ByMode = Readonly<Record<CatalogueMode, string>>;

export interface CatalogueEntry {
  /** What the edge functions answer with. */
  status: number;
  title: string | ByMode;
  advice: string | ByMode;
  /** Advice in the studio, where a person manages Tavus resources rather than starting a session. */
  studio?: string | ByMode;
}

const KEY_ADVICE: ByMode = {
  mock: 'Mock mode needs no key: reload the page to reset the simulator.',
  direct: 'Check VITE_TAVUS_API_KEY in your .env file, then restart the dev server.',
  proxy: 'Check the TAVUS_API_KEY secret of the tavus function, then try again.',
};

const UNREACHABLE_STUDIO: ByMode = {
  mock: 'Check your connection, then retry.',
  direct: 'Check your connection, then retry.',
  proxy: 'Check your connection and that the tavus edge function is deployed, then retry.',
};

/** Raised by the database's functions (and db_error: any other database failure). */
export const DATABASE_ERRORS = {
  not_authenticated: { status: 401, title: 'You are not signed in.', advice: 'Sign in, then try again.' },
  forbidden: {
    status: 403,
    title: 'Only the server may do this.',
    advice: 'This is a fault of the app, not of your account: reload the page; if it keeps happening, contact support.',
  },
  sessions_owned_by_server: {
    status: 403,
    title: 'Sessions on this site are started by its server.',
    advice: 'The app is configured for the wrong mode: its operator has to build it with VITE_TAVUS_MODE=proxy.',
  },
  deployment_not_proxy: {
    status: 503,
    title: 'The database still lets browsers write sessions.',
    advice: "Its operator has to mark it server-owned: update private.deployment set session_owner = 'server'.",
  },
  invalid_argument: { status: 400, title: 'The request was not valid.', advice: 'Nothing was changed.' },
  usage_limit_reached: {
    status: 402,
    title: 'You have used all your minutes for this period.',
    advice: 'They renew at the start of the next period, or upgrade your plan for more.',
  },
  subscription_inactive: { status: 402, title: 'Your subscription is not active.', advice: 'Renew your plan to start sessions.' },
  session_type_not_allowed: {
    status: 403,
    title: 'Your plan does not include this kind of session.',
    advice: 'Upgrade your plan to use it.',
  },
  session_not_found: { status: 404, title: 'This session was not found.', advice: 'It does not exist, or it is not yours.' },
  persona_not_found: {
    status: 404,
    title: 'This persona no longer exists here.',
    advice: 'It was deleted, or it is not yours: reload the list.',
  },
  session_already_active: {
    status: 409,
    title: 'A session is already running.',
    advice: 'Only one session can run at a time, here or in another tab or device. End it before starting a new one.',
  },
  session_not_starting: {
    status: 409,
    title: 'This session has already started or finished.',
    advice: 'It cannot be changed this way any more.',
  },
  conversation_already_attached: { status: 409, title: 'This conversation belongs to another session.', advice: 'Start a new session.' },
  invite_not_found: {
    status: 404,
    title: 'There is no invite with this link or code.',
    advice: 'Check the code with the person who invited you; it has six letters and digits.',
  },
  invite_expired: {
    status: 410,
    title: 'This invite has expired.',
    advice: 'An invite works for 15 minutes, and only while the session runs: ask for a new one.',
  },
  invite_used: {
    status: 409,
    title: 'Someone has already joined with this invite.',
    advice: 'Ask the person who invited you for a new one.',
  },
  invite_own_session: {
    status: 409,
    title: 'This is your own invite.',
    advice: 'Send the link or the code to the person you want to talk with.',
  },
  invite_attempts_exceeded: {
    status: 429,
    title: 'Too many invite codes that do not exist were tried from this account.',
    advice: 'Wait 10 minutes, then type the code exactly as you were given it, or open the link instead.',
  },
  not_invited: { status: 403, title: 'You have not joined this session.', advice: 'Join it with the invite you were sent.' },
  session_not_active: {
    status: 409,
    title: 'This session is not running.',
    advice: 'A partner can be invited only while the call runs.',
  },
  partner_already_joined: {
    status: 409,
    title: 'Your partner has already joined.',
    advice: 'A session together has room for one partner.',
  },
  invalid_name: { status: 400, title: 'That name cannot be used.', advice: 'Give a name of 1 to 60 characters. Nothing was changed.' },
  subscription_not_found: {
    status: 409,
    title: 'Your account has no plan yet.',
    advice: 'Sign out and in again; if that does not help, contact support.',
  },
  persona_already_linked: {
    status: 409,
    title: 'That Tavus persona is already linked to another of your personas.',
    advice: 'Open that persona instead, or delete the duplicate.',
  },
  // the free plan row is missing: the database, not the caller, needs fixing
  plan_not_found: {
    status: 500,
    title: 'The plans of this site are not set up.',
    advice: 'Its operator has to add the free plan to public.plans; contact support.',
  },
  daily_limit_reached: { status: 429, title: "You have had today's sessions.", advice: 'Come back tomorrow (UTC), or upgrade your plan.' },
  db_error: {
    status: 500,
    title: 'The database could not complete the request.',
    advice: 'Try again; if it keeps failing, reload the page.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Tavus's verdicts, by TavusError code: 402 and 429 pass through the server, its own account's problems are 502/504. */
export const TAVUS_ERRORS = {
  invalid_api_key: { status: 502, title: 'Tavus did not accept the API key.', advice: KEY_ADVICE },
  permission_denied: {
    status: 502,
    title: 'Only administrators may manage Tavus from the studio.',
    advice: 'Ask an administrator to give your account the admin role, then sign in again.',
  },
  out_of_credits: {
    status: 402,
    title: 'The Tavus account is out of conversational credits.',
    advice: 'Add credits in the Tavus dashboard (Billing), then try again.',
  },
  concurrency_limit: {
    status: 429,
    title: 'The Tavus account already runs as many conversations as it may.',
    advice: 'Wait for another conversation to end (or end it in Studio, Conversations), then try again.',
  },
  not_found: {
    status: 502,
    title: 'Tavus has no such persona, replica or conversation.',
    advice: {
      mock: 'Check the persona and replica chosen in the studio, or reload the page to reset the simulator.',
      direct: 'Check that the persona and replica (VITE_TAVUS_PERSONA_ID, VITE_TAVUS_REPLICA_ID) exist on this account.',
      proxy: "Check that the server's persona and replica (TAVUS_PERSONA_ID, TAVUS_REPLICA_ID) exist on its Tavus account.",
    },
    studio: 'It may have been deleted elsewhere: reload the list to see what exists now.',
  },
  invalid_request: {
    status: 502,
    title: 'Tavus did not accept the request.',
    advice: {
      mock: 'Check the persona and replica chosen in the studio, or reload the page to reset the simulator.',
      direct: 'Check that the persona and replica (VITE_TAVUS_PERSONA_ID, VITE_TAVUS_REPLICA_ID) exist on this account.',
      proxy: "Check that the server's persona and replica (TAVUS_PERSONA_ID, TAVUS_REPLICA_ID) exist on its Tavus account.",
    },
    studio: 'Correct the values it names, then try again.',
  },
  rate_limited: { status: 429, title: 'Tavus is receiving too many requests.', advice: 'Wait a minute, then try again.' },
  server_error: {
    status: 502,
    title: 'Tavus had a server error.',
    advice: 'Try again in a minute; if it persists, check status.tavus.io.',
  },
  connection_error: {
    status: 502,
    // in proxy mode the browser talks only to the server
    title: { mock: 'Tavus could not be reached.', direct: 'Tavus could not be reached.', proxy: 'The server could not be reached.' },
    advice: 'Check your connection, then try again. Any call that was being set up has been ended.',
    studio: UNREACHABLE_STUDIO,
  },
  timeout: {
    status: 504,
    title: { mock: 'Tavus did not answer in time.', direct: 'Tavus did not answer in time.', proxy: 'The server did not answer in time.' },
    advice: 'Check your connection, then try again. Any call that was being set up has been ended.',
    studio: 'Retry; nothing was lost.',
  },
  aborted: { status: 502, title: 'The request was cancelled.', advice: 'Try again when you are ready.' },
  unexpected_response: {
    status: 502,
    title: 'Tavus answered in a way this app does not understand.',
    advice: 'Try again; if it persists, the Tavus API may have changed: report it with the details.',
  },
} as const satisfies Record<TavusErrorCode, CatalogueEntry>;

/** The edge functions' own. */
export const SERVER_ERRORS = {
  conversation_end_unconfirmed: {
    status: 502,
    title: 'Your session has ended, but Tavus did not confirm that the call stopped.',
    advice:
      'It closes by itself within a minute of everyone leaving the room; if it still shows as active in Studio, end it there. Ending again is safe.',
  },
  tavus_not_configured: {
    status: 503,
    title: 'The server has no Tavus API key.',
    advice: 'Its operator has to set the TAVUS_API_KEY secret of the tavus function.',
  },
  server_misconfigured: {
    status: 503,
    title: 'The server is missing a setting.',
    advice: 'Its operator has to set the secret the details name.',
  },
  db_unavailable: { status: 503, title: 'The database cannot be reached right now.', advice: 'Try again in a moment.' },
  auth_unavailable: { status: 503, title: 'Sign-in cannot be checked right now.', advice: 'Try again in a moment.' },
  internal_error: {
    status: 500,
    title: 'The server could not complete the request.',
    advice: 'Try again; if it keeps failing, reload the page.',
  },
  origin_not_allowed: {
    status: 403,
    title: 'The server does not accept requests from this site.',
    advice: "Its operator has to add this site's origin to the APP_ORIGIN secret.",
  },
  invalid_token: {
    status: 401,
    title: 'The callback token is not valid.',
    advice: 'Only Tavus, with the token of its session, may send events.',
  },
  invalid_event: { status: 400, title: 'The event is not one Tavus sends.', advice: 'Nothing was recorded.' },
  conversation_mismatch: { status: 403, title: 'The event is for a conversation of another session.', advice: 'Nothing was recorded.' },
  conversation_not_found: { status: 404, title: 'Tavus does not know this conversation.', advice: 'Nothing was recorded.' },
  route_not_found: { status: 404, title: 'There is no such route.', advice: 'Check the address.' },
  method_not_allowed: { status: 405, title: 'This route does not take that method.', advice: 'Check the request.' },
} as const satisfies Record<string, CatalogueEntry>;

export const ERROR_CATALOGUE = { ...DATABASE_ERRORS, ...TAVUS_ERRORS, ...SERVER_ERRORS };

export type DatabaseErrorCode = keyof typeof DATABASE_ERRORS;
export type CatalogueCode = keyof typeof ERROR_CATALOGUE;

export function isCatalogueCode(code: unknown): code is CatalogueCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}

export function catalogueEntry(code: unknown): CatalogueEntry | undefined {
  return isCatalogueCode(code) ? ERROR_CATALOGUE[code] : undefined;
}

export function forMode(text: string | ByMode, mode: CatalogueMode): string {
  return typeof text === 'string' ? text : text[mode];
}

/** Title and advice in one sentence pair, for places that show a single message. */
export function sentence(code: CatalogueCode, mode: CatalogueMode = 'direct'): string {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return `${forMode(entry.title, mode)} ${forMode(entry.advice, mode)}`;
}

/** A failure with no code of the catalogue: its own message is shown with this. */
export const UNKNOWN_ERROR = { title: 'Something went wrong.', advice: 'Try again; if it keeps failing, reload the page.' } as const;

/** Added to every Tavus failure of a start: the reservation was released uncharged. */
export const NOTHING_CHARGED = 'Nothing was charged to your minutes.';

/** `Wait 1 second`, `Wait 12 seconds`: how long Tavus asked to wait, or a minute when it did not say. */
export function waitAdvice(retryAfterMs: unknown): string {
  if (typeof retryAfterMs !== 'number' || !(retryAfterMs > 0)) return 'Wait a minute, then try again.';
  const seconds = Math.ceil(retryAfterMs / 1000);
  return `Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, then try again.`;
}
