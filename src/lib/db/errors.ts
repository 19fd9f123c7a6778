/**
 * Every database failure becomes a DbError with a stable code and a sentence saying what the user
 * can do. The functions in supabase/migrations raise their code as the message; PostgREST passes it
 * on as `{ code, message, details, hint }` and PGlite as a DatabaseError, so one mapper serves both.
 */

export const DB_ERROR_CODES = [
  'not_authenticated',
  'usage_limit_reached',
  'session_already_active',
  'daily_limit_reached',
  'session_not_found',
  'session_not_starting',
  'session_type_not_allowed',
  'subscription_inactive',
  'subscription_not_found',
  'conversation_already_attached',
  'persona_not_found',
  'persona_already_linked',
  'invalid_argument',
  'db_error',
] as const;

export type DbErrorCode = (typeof DB_ERROR_CODES)[number];

const ADVICE: Record<DbErrorCode, string> = {
  not_authenticated: 'You are not signed in. Sign in, then try again.',
  usage_limit_reached: 'You have used all your minutes for this period. They renew at the start of the next period, or upgrade your plan for more.',
  session_already_active: 'Another session is already running, perhaps in another tab or device. End it before starting a new one.',
  daily_limit_reached: "You have had today's sessions on your plan. Come back tomorrow (UTC), or upgrade your plan.",
  session_not_found: 'This session does not exist, or it is not yours.',
  session_not_starting: 'This session has already started or finished, so it cannot be changed this way.',
  session_type_not_allowed: 'Your plan does not include this kind of session. Upgrade your plan to use it.',
  subscription_inactive: 'Your subscription is not active. Renew your plan to start sessions.',
  subscription_not_found: 'Your account has no plan yet. Sign out and in again; if that does not help, contact support.',
  conversation_already_attached: 'This conversation already belongs to another session. Start a new session.',
  persona_not_found: 'This persona does not exist, or it is not yours.',
  persona_already_linked: 'This persona is already linked to a Tavus persona; import or edit that one instead.',
  invalid_argument: 'The request was not valid, so nothing was changed.',
  db_error: 'The database could not complete the request. Try again; if it keeps failing, reload the page.',
};

export interface DbErrorInit {
  detail?: string;
  hint?: string;
  /** The SQLSTATE or PostgREST code of the underlying failure, when there was one. */
  sqlState?: string;
  cause?: unknown;
}

export class DbError extends Error {
  readonly code: DbErrorCode;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly sqlState: string | undefined;

  constructor(code: DbErrorCode, message: string = ADVICE[code], init: DbErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DbError';
    this.code = code;
    this.detail = init.detail;
    this.hint = init.hint;
    this.sqlState = init.sqlState;
  }
}

export class NotAuthenticatedError extends DbError {
  constructor(init?: DbErrorInit) {
    super('not_authenticated', undefined, init);
    this.name = 'NotAuthenticatedError';
  }
}

export class UsageLimitReachedError extends DbError {
  constructor(init?: DbErrorInit) {
    super('usage_limit_reached', undefined, init);
    this.name = 'UsageLimitReachedError';
  }
}

export class SessionAlreadyActiveError extends DbError {
  constructor(init?: DbErrorInit) {
    super('session_already_active', undefined, init);
    this.name = 'SessionAlreadyActiveError';
  }
}

export class DailyLimitReachedError extends DbError {
  constructor(init?: DbErrorInit) {
    super('daily_limit_reached', undefined, init);
    this.name = 'DailyLimitReachedError';
  }
}

export class SessionNotFoundError extends DbError {
  constructor(init?: DbErrorInit) {
    super('session_not_found', undefined, init);
    this.name = 'SessionNotFoundError';
  }
}

/** What either driver reports: PostgREST's error body, PGlite's DatabaseError, or anything thrown. */
export interface RawDbFailure {
  code?: string | undefined;
  message?: string | undefined;
  details?: string | null | undefined;
  detail?: string | null | undefined;
  hint?: string | null | undefined;
}

const JWT_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303']);

export function isDbErrorCode(value: unknown): value is DbErrorCode {
  return typeof value === 'string' && (DB_ERROR_CODES as readonly string[]).includes(value);
}

/** Turns a raw failure into the matching DbError class; unknown failures keep their text for support. */
export function toDbError(raw: unknown): DbError {
  if (raw instanceof DbError) return raw;
  const failure: RawDbFailure = typeof raw === 'object' && raw !== null ? (raw as RawDbFailure) : { message: String(raw) };
  const message = (failure.message ?? '').trim();
  const init: DbErrorInit = {
    ...((failure.detail ?? failure.details) ? { detail: (failure.detail ?? failure.details)! } : {}),
    ...(failure.hint ? { hint: failure.hint } : {}),
    ...(failure.code ? { sqlState: failure.code } : {}),
    cause: raw,
  };

  if (JWT_CODES.has(failure.code ?? '')) return new NotAuthenticatedError(init);
  if ((raw as Error | undefined)?.name === 'LeaderChangedError' || message.startsWith('Leader changed')) {
    // PGlite's multi-tab worker: the tab that ran the database closed mid-request.
    return new DbError('db_error', 'The tab that was running the local database closed during this request, so it may or may not have been saved. Reload the page to see where things stand.', init);
  }
  switch (message) {
    case 'not_authenticated':
      return new NotAuthenticatedError(init);
    case 'usage_limit_reached':
      return new UsageLimitReachedError(init);
    case 'session_already_active':
      return new SessionAlreadyActiveError(init);
    case 'daily_limit_reached':
      return new DailyLimitReachedError(init);
    case 'session_not_found':
      return new SessionNotFoundError(init);
  }
  if (isDbErrorCode(message) && message !== 'db_error') {
    return new DbError(message, init.detail ? `${ADVICE[message]} (${init.detail})` : ADVICE[message], init);
  }
  const cause = message || 'unknown failure';
  return new DbError('db_error', `${ADVICE.db_error} (${cause})`, init);
}

/** Runs a database call and rethrows any failure as a DbError: nothing is swallowed. */
export async function mapDbErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDbError(error);
  }
}
