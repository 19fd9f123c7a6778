/**
 * Every failure of a Tavus call is one of these classes, made by one factory. `code` is stable
 * (for logic and tests), `message` is for people and says what to do next, `path` names the call.
 * Nothing here ever holds the API key: the transport redacts secrets before building an error.
 */
export type TavusErrorCode =
  | 'invalid_api_key'
  | 'permission_denied'
  | 'out_of_credits'
  | 'concurrency_limit'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limited'
  | 'server_error'
  | 'connection_error'
  | 'timeout'
  | 'aborted'
  | 'unexpected_response';

export interface TavusErrorInit {
  /** `METHOD /v2/...`, without the query string. */
  path: string;
  status?: number;
  /** What Tavus said (its `error` and/or `message` field), already redacted. */
  serverMessage?: string;
  message?: string;
  cause?: unknown;
}

export class TavusError extends Error {
  override name = 'TavusError';
  readonly status: number | undefined;
  readonly code: TavusErrorCode;
  readonly path: string;
  readonly serverMessage: string | undefined;

  constructor(code: TavusErrorCode, message: string, init: TavusErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.path = init.path;
    this.serverMessage = init.serverMessage;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, status: this.status, path: this.path, message: this.message };
  }
}

/** ` (401: Invalid access token)`, or nothing when there is nothing to say. */
function said(init: TavusErrorInit): string {
  const parts = [init.status, init.serverMessage].filter((part) => part !== undefined && part !== '');
  return parts.length ? ` (${parts.join(': ')})` : '';
}

export class AuthenticationError extends TavusError {
  override name = 'AuthenticationError';
  constructor(init: TavusErrorInit) {
    super(
      'invalid_api_key',
      init.message ??
        `Tavus refused the credentials for ${init.path}${said(init)}. ` +
          'Check the Tavus API key, or sign in again when the app goes through the proxy.',
      init,
    );
  }
}

export class PermissionDeniedError extends TavusError {
  override name = 'PermissionDeniedError';
  constructor(init: TavusErrorInit) {
    super(
      'permission_denied',
      init.message ??
        `${init.path} is not allowed for this account${said(init)}. ` + 'Studio calls through the proxy need an admin account.',
      init,
    );
  }
}

export class OutOfCreditsError extends TavusError {
  override name = 'OutOfCreditsError';
  constructor(init: TavusErrorInit) {
    super(
      'out_of_credits',
      init.message ??
        `The Tavus account is out of conversational credits (${init.path}). ` +
          'Add credits in the Tavus dashboard (Billing), then try again.',
      init,
    );
  }
}

export class ConcurrencyLimitError extends TavusError {
  override name = 'ConcurrencyLimitError';
  constructor(init: TavusErrorInit) {
    super(
      'concurrency_limit',
      init.message ??
        `The Tavus account already runs its maximum number of concurrent conversations (${init.path}). ` +
          'End a running conversation or wait for one to time out, then try again.',
      init,
    );
  }
}

export class NotFoundError extends TavusError {
  override name = 'NotFoundError';
  constructor(init: TavusErrorInit) {
    super(
      'not_found',
      init.message ??
        `Tavus found nothing at ${init.path}${said(init)}. ` +
          'Check the id: it may be mistyped, deleted, or belong to another Tavus account.',
      init,
    );
  }
}

export class InvalidRequestError extends TavusError {
  override name = 'InvalidRequestError';
  constructor(init: TavusErrorInit) {
    super('invalid_request', init.message ?? `Tavus rejected ${init.path}${said(init)}. ${invalidAdvice(init.serverMessage)}`, init);
  }
}

function invalidAdvice(serverMessage: string | undefined): string {
  const id = serverMessage?.match(/invalid ([a-z_]+_id)\b/i)?.[1];
  if (id) return `Check that this ${id} exists in the Tavus account the key belongs to.`;
  return 'Fix the request and try again.';
}

export class RateLimitError extends TavusError {
  override name = 'RateLimitError';
  /** How long Tavus asked us to wait (from Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(init: TavusErrorInit & { retryAfterMs?: number }) {
    const wait = init.retryAfterMs === undefined ? 'a moment' : `${Math.ceil(init.retryAfterMs / 1000)} s`;
    super('rate_limited', init.message ?? `Tavus is limiting requests to ${init.path}${said(init)}. Wait ${wait} and try again.`, init);
    this.retryAfterMs = init.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

export class ServerError extends TavusError {
  override name = 'ServerError';
  constructor(init: TavusErrorInit) {
    super(
      'server_error',
      init.message ?? `Tavus had a server error on ${init.path}${said(init)}. ` + 'This is usually temporary: try again in a moment.',
      init,
    );
  }
}

export class ConnectionError extends TavusError {
  override name = 'ConnectionError';
  constructor(init: TavusErrorInit & { reason?: string }) {
    super(
      'connection_error',
      init.message ??
        `Could not reach Tavus for ${init.path}${init.reason ? ` (${init.reason})` : ''}. ` +
          'Check the network connection and the Tavus base URL.',
      init,
    );
  }
}

export class TimeoutError extends TavusError {
  override name = 'TimeoutError';
  constructor(init: TavusErrorInit & { timeoutMs: number }) {
    super(
      'timeout',
      init.message ?? `Tavus did not answer ${init.path} within ${init.timeoutMs} ms. ` + 'Check the connection and try again.',
      init,
    );
  }
}

export class AbortedError extends TavusError {
  override name = 'AbortedError';
  constructor(init: TavusErrorInit) {
    super('aborted', init.message ?? `${init.path} was cancelled before Tavus answered.`, init);
  }
}

export class UnexpectedResponseError extends TavusError {
  override name = 'UnexpectedResponseError';
  constructor(init: TavusErrorInit & { summary: string }) {
    super(
      'unexpected_response',
      init.message ??
        `Tavus answered ${init.path} with a response this app does not understand ` +
          `(${init.summary}). The Tavus API may have changed: update the schemas in src/lib/tavus.`,
      init,
    );
  }
}

export type HeadersLike = Headers | Record<string, string | undefined> | undefined;

function header(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Tavus puts the reason in `error` on some endpoints and `message` on others; read both. */
export function readServerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of [record.error, record.message, record.detail]) {
    const text =
      typeof field === 'string'
        ? field
        : field && typeof field === 'object' && typeof (field as { message?: unknown }).message === 'string'
          ? (field as { message: string }).message
          : undefined;
    if (text?.trim() && !parts.includes(text.trim())) parts.push(text.trim());
  }
  return parts.length ? parts.join(': ').slice(0, 300) : undefined;
}

/** The one place an HTTP failure becomes a typed error. `path` is `METHOD /v2/...`. */
export function errorFromResponse(status: number, body: unknown, path: string, headers?: HeadersLike): TavusError {
  const serverMessage = readServerMessage(body);
  const init: TavusErrorInit = { status, path, serverMessage };
  const text = serverMessage ?? '';
  if (status === 401) return new AuthenticationError(init);
  if (status === 402 || /out of conversational credits/i.test(text)) return new OutOfCreditsError(init);
  if (status >= 400 && status < 500 && /maximum concurrent conversations/i.test(text)) return new ConcurrencyLimitError(init);
  if (status === 403) return new PermissionDeniedError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 429) return new RateLimitError({ ...init, retryAfterMs: parseRetryAfter(header(headers, 'retry-after')) });
  if (status >= 500) return new ServerError(init);
  if (status >= 400) return new InvalidRequestError(init);
  return new UnexpectedResponseError({ ...init, summary: `HTTP ${status}` });
}

/**
 * Tavus has nothing under this id: a 404, or the documented 400 `Invalid persona_id` /
 * `Invalid replica_id` that get and delete answer for an unknown persona or replica.
 */
export function isUnknownId(error: unknown, idField: string): boolean {
  if (error instanceof NotFoundError) return true;
  if (!(error instanceof InvalidRequestError)) return false;
  return new RegExp(`^\\s*invalid ${idField}\\s*$`, 'i').test(error.serverMessage ?? '');
}
