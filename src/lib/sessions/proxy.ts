import { z } from 'zod';
import { isDbErrorCode, NotAuthenticatedError, toDbError } from '@/lib/db/errors';
import { sentence } from '@/lib/error-catalogue';
import { parseRow, sessionSchema } from '@/lib/db/schemas';
import {
  AbortedError,
  AuthenticationError,
  ConcurrencyLimitError,
  ConnectionError,
  errorFromResponse,
  InvalidRequestError,
  NotFoundError,
  OutOfCreditsError,
  parseRetryAfter,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  type TavusError,
  type TavusErrorCode,
  type TavusErrorInit,
} from '@/lib/tavus/errors.ts';
import { ConversationEndUnconfirmedError, type Session, type SessionGateway, type StartedSession } from './types';
import { checkPersonaThroughProxy } from './proxy-persona';

/**
 * Proxy mode's session gateway: one request to the `tavus` edge function per start or end. The
 * server holds the Tavus key and runs the sequence; this side sends the user's JWT and turns the
 * server's `{ error: { code, message } }` back into the typed errors the client-side gateway throws
 * (DbError for the database's refusals, TavusError for Tavus's), so the pages cannot tell the modes apart.
 */
export interface ProxySessionsOptions {
  /** `https://<project>.supabase.co/functions/v1`. */
  functionsUrl: string;
  /** The signed-in user's access token; null when nobody is signed in. */
  getAccessToken: () => Promise<string | null>;
  fetch?: typeof fetch;
}

/** A failure of the proxy itself (its settings, its origin check) rather than of the database or Tavus. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const errorBody = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().optional() }) });
const startedBody = z.looseObject({ session: z.unknown(), conversation_url: z.url(), meeting_token: z.string().nullish() });
const endedBody = z.looseObject({ session: z.unknown() });

type TavusInit = TavusErrorInit & { message: string };
// every Tavus code has its class, so a new code cannot pass through the proxy untyped
const TAVUS_ERROR_CLASSES: Record<TavusErrorCode, (init: TavusInit, headers: Headers) => TavusError> = {
  invalid_api_key: (init) => new AuthenticationError(init),
  permission_denied: (init) => new PermissionDeniedError(init),
  out_of_credits: (init) => new OutOfCreditsError(init),
  concurrency_limit: (init) => new ConcurrencyLimitError(init),
  not_found: (init) => new NotFoundError(init),
  invalid_request: (init) => new InvalidRequestError(init),
  rate_limited: (init, headers) => new RateLimitError({ ...init, retryAfterMs: parseRetryAfter(headers.get('retry-after') ?? undefined) }),
  server_error: (init) => new ServerError(init),
  connection_error: (init) => new ConnectionError(init),
  timeout: (init) => new TimeoutError({ ...init, timeoutMs: 15_000 }),
  aborted: (init) => new AbortedError(init),
  unexpected_response: (init) => new UnexpectedResponseError({ ...init, summary: init.message }),
};

/** The typed error for a failed answer of the `tavus` function. */
export function errorFromProxy(status: number, body: unknown, path: string, headers: Headers = new Headers()): Error {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) {
    // not the function's own answer (a gateway page, say): judged by its status like any Tavus answer
    return status === 401 ? new NotAuthenticatedError() : errorFromResponse(status, body, path, headers);
  }
  const { code, message = code } = parsed.data.error;
  if (code === 'conversation_end_unconfirmed') {
    const session = sessionSchema.safeParse((body as { session?: unknown }).session);
    if (session.success) return new ConversationEndUnconfirmedError(session.data, new Error(message));
  }
  // the server words a refusal with the catalogue's sentence unless the database said more: only that is detail
  if (isDbErrorCode(code))
    return toDbError({ message: code, ...(message !== code && message !== sentence(code) ? { details: message } : {}) });
  if (Object.hasOwn(TAVUS_ERROR_CLASSES, code)) {
    return TAVUS_ERROR_CLASSES[code as TavusErrorCode]({ status, path, serverMessage: message, message }, headers);
  }
  return new ProxyError(code, message, status);
}

export function createProxySessions(options: ProxySessionsOptions): SessionGateway {
  const base = options.functionsUrl.replace(/\/+$/, '');
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  // pagehide cannot wait for a promise: the last token seen is kept for endOnUnload
  let lastToken: string | null = null;

  async function token(): Promise<string> {
    const value = await options.getAccessToken();
    if (!value) throw new NotAuthenticatedError();
    lastToken = value;
    return value;
  }

  async function post(path: string, body: unknown): Promise<unknown> {
    const label = `POST /tavus${path}`;
    const authorization = `Bearer ${await token()}`;
    let response: Response;
    try {
      response = await send(`${base}/tavus${path}`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new ConnectionError({ path: label, reason: error instanceof Error ? error.message : String(error), cause: error });
    }
    const text = await response.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // kept as text for the error
    }
    if (!response.ok) throw errorFromProxy(response.status, data, label, response.headers);
    return data;
  }

  function unexpected(path: string, what: string): Error {
    return new UnexpectedResponseError({ path: `POST /tavus${path}`, summary: what });
  }

  function endRequest(sessionId: string, reason: string, authorization: string): void {
    send(`${base}/tavus/sessions/${encodeURIComponent(sessionId)}/end`, {
      method: 'POST',
      keepalive: true,
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason }),
    }).catch(() => undefined);
  }

  return {
    callTransport: 'daily',
    // the server's persona, asked of the function: the browser holds no key to ask Tavus
    verifyPersona: checkPersonaThroughProxy(options),

    async start({ sessionType, options = {} }) {
      // the server checks them again; only what is set is sent
      const data = startedBody.safeParse(
        await post('/sessions', {
          session_type: sessionType,
          ...(options.reflectOn?.trim() ? { reflect_on: options.reflectOn } : {}),
          ...(options.language ? { language: options.language } : {}),
          ...(options.record ? { record: true } : {}),
        }),
      );
      if (!data.success) throw unexpected('/sessions', 'no session and conversation_url');
      const started: StartedSession = {
        session: parseRow(sessionSchema, data.data.session, 'session'),
        conversationUrl: data.data.conversation_url,
      };
      if (data.data.meeting_token) started.meetingToken = data.data.meeting_token;
      return started;
    },

    async end(sessionId, reason = 'user_ended') {
      const path = `/sessions/${encodeURIComponent(sessionId)}/end`;
      const data = endedBody.safeParse(await post(path, { reason }));
      if (!data.success) throw unexpected(path, 'no session');
      return parseRow(sessionSchema, data.data.session, 'session');
    },

    endOnUnload(session: Session) {
      // sent at once with the last token; if the token has been refreshed meanwhile and the page
      // is still there, sent again with the new one (ending twice is harmless)
      try {
        if (lastToken) endRequest(session.id, 'tab_closed', `Bearer ${lastToken}`);
        const sent = lastToken;
        void options.getAccessToken().then(
          (fresh) => {
            if (fresh && fresh !== sent) endRequest(session.id, 'tab_closed', `Bearer ${fresh}`);
          },
          () => undefined,
        );
      } catch {
        // nothing more can be done while the page unloads
      }
    },
  };
}
