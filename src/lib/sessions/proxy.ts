import { z } from 'zod';
import { isDbErrorCode, NotAuthenticatedError, toDbError } from '@/lib/db/errors';
import { sentence } from '@/lib/error-catalogue';
import { parseRow, sessionSchema } from '@/lib/db/schemas';
import { inviteSchema, joinedSessionSchema, type JoinedSession } from '@/lib/db/invites';
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
import { ConversationEndUnconfirmedError, type SessionGateway, type StartedSession } from './types';
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
const startedBody = z.looseObject({
  session: z.unknown(),
  conversation_url: z.url(),
  meeting_token: z.string().nullish(),
  invite: z.unknown().optional(),
});
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
    const ended = (body as { session?: unknown }).session;
    const session = sessionSchema.safeParse(ended);
    if (session.success) return new ConversationEndUnconfirmedError(session.data, new Error(message));
    // a partner's end: the session as the partner sees it
    const joined = joinedSessionSchema.safeParse(ended);
    if (joined.success) return Object.assign(new ProxyError(code, message, status), { joined: joined.data });
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

  async function token(): Promise<string> {
    const value = await options.getAccessToken();
    if (!value) throw new NotAuthenticatedError();
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

  return {
    callTransport: 'daily',
    // the server's persona, asked of the function: the browser holds no key to ask Tavus
    verifyPersona: checkPersonaThroughProxy(options),

    async start({ sessionType, hostName, options = {} }) {
      const together = sessionType === 'resolve_together' && hostName !== undefined ? { host_name: hostName } : {};
      // the server checks them again; only what is set is sent
      const data = startedBody.safeParse(
        await post('/sessions', {
          session_type: sessionType,
          ...together,
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
      if (data.data.invite) started.invite = parseRow(inviteSchema, data.data.invite, 'invite');
      return started;
    },

    // the server checks the invite and writes the session together; the browser only reads it
    together: {
      async createInvite(sessionId, hostName) {
        const path = `/sessions/${encodeURIComponent(sessionId)}/invites`;
        const data = z.looseObject({ invite: z.unknown() }).safeParse(await post(path, hostName ? { host_name: hostName } : {}));
        if (!data.success) throw unexpected(path, 'no invite');
        return parseRow(inviteSchema, data.data.invite, 'invite');
      },
      async redeem(key, partnerName) {
        const data = endedBody.safeParse(await post('/invites/redeem', { invite: key, partner_name: partnerName }));
        if (!data.success) throw unexpected('/invites/redeem', 'no session');
        return parseRow(joinedSessionSchema, data.data.session, 'joined session');
      },
      async end(sessionId, reason = 'user_ended') {
        const path = `/sessions/${encodeURIComponent(sessionId)}/end-joined`;
        try {
          const data = endedBody.safeParse(await post(path, { reason }));
          if (!data.success) throw unexpected(path, 'no session');
          return { session: parseRow(joinedSessionSchema, data.data.session, 'joined session') };
        } catch (error) {
          // ended for both, but Tavus did not confirm the call stopped: the session is in the answer
          if (error instanceof ProxyError && 'joined' in error) return { session: error.joined as JoinedSession, unconfirmed: error };
          throw error;
        }
      },
    },

    async end(sessionId, reason = 'user_ended') {
      const path = `/sessions/${encodeURIComponent(sessionId)}/end`;
      const data = endedBody.safeParse(await post(path, { reason }));
      if (!data.success) throw unexpected(path, 'no session');
      return parseRow(sessionSchema, data.data.session, 'session');
    },
  };
}
