/**
 * Every database failure becomes a DbError with a stable code and a sentence saying what the user
 * can do. The functions in supabase/migrations raise their code as the message; PostgREST passes it
 * on as `{ code, message, details, hint }` and PGlite as a DatabaseError, so one mapper serves both.
 * The codes and their words are the error catalogue's (src/lib/error-catalogue.ts).
 */
import { DATABASE_ERRORS, sentence, type DatabaseErrorCode } from '@/lib/error-catalogue';

/** The codes the database's functions raise, and db_error for any other failure: from the error catalogue. */
export const DB_ERROR_CODES = Object.keys(DATABASE_ERRORS) as DatabaseErrorCode[];

export type DbErrorCode = DatabaseErrorCode;

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

  constructor(code: DbErrorCode, message: string = sentence(code), init: DbErrorInit = {}) {
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
    return new DbError(
      'db_error',
      'The tab that was running the local database closed during this request, so it may or may not have been saved. Reload the page to see where things stand.',
      init,
    );
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
    return new DbError(message, init.detail ? `${sentence(message)} (${init.detail})` : sentence(message), init);
  }
  const cause = message || 'unknown failure';
  return new DbError('db_error', `${sentence('db_error')} (${cause})`, init);
}

/** Runs a database call and rethrows any failure as a DbError: nothing is swallowed. */
export async function mapDbErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDbError(error);
  }
}
