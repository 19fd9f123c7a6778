import { z } from 'zod';
import { ApiError } from './http.ts';

/**
 * The few Tavus v2 calls the server makes with its own key: create, end and look up a conversation,
 * read a persona. Responses are checked with zod (unknown fields kept); failures become ApiErrors
 * that keep the Tavus error code (invalid_api_key, out_of_credits, concurrency_limit, ...) so the
 * browser can show the same error as in direct mode.
 *
 * Retry policy: reads and `end` (idempotent) are tried again once after a connection error, a 429
 * or a 5xx; `create` is never repeated, since a lost answer may still have started a paid conversation.
 */

export const conversationSchema = z.looseObject({
  conversation_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  conversation_name: z.string().nullish(),
  conversation_url: z.string().nullish(),
  status: z.string().nullish(),
  callback_url: z.string().nullish(),
  meeting_token: z.string().nullish(),
});
export type Conversation = z.infer<typeof conversationSchema>;

const personaFields = z.looseObject({
  persona_id: z.string(),
  persona_name: z.string().nullish(),
  default_replica_id: z.string().nullish(),
});
// the docs show GET /v2/personas/{id} wrapped in `data: [...]`, the API answers flat: accept both
const personaSchema = z.union([personaFields, z.object({ data: z.array(personaFields).min(1) }).transform((value) => value.data[0]!)]);
export type TavusPersona = z.infer<typeof personaFields>;

export interface CreateConversation {
  persona_id: string;
  replica_id: string;
  conversation_name: string;
  callback_url: string;
  properties: {
    max_call_duration: number;
    participant_left_timeout: number;
    participant_absent_timeout: number;
    enable_closed_captions: boolean;
    language: string;
  };
}

export interface TavusUpstream {
  createConversation(body: CreateConversation): Promise<Conversation & { conversation_url: string }>;
  endConversation(conversationId: string): Promise<void>;
  getConversation(conversationId: string): Promise<Conversation>;
  getPersona(personaId: string): Promise<TavusPersona>;
  /** The active conversation with this name among the newest ones, if any. */
  findActiveConversation(conversationName: string): Promise<Conversation | null>;
}

const conversationPageSchema = z.looseObject({ data: z.array(conversationSchema) });
// a lost conversation is among the newest active ones: 4 pages of 50 is far enough
const SEARCH_PAGES = 4;

export interface TavusUpstreamOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a Tavus failure means to the browser: status here, code as Tavus's own client names it. */
export function tavusError(status: number, body: unknown, retryAfter: string | null): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = [record.error, record.message, typeof body === 'string' ? body : undefined].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  ) ?? `HTTP ${status}`;
  const said = `Tavus said: ${text.slice(0, 300)}`;
  if (status === 401 || status === 403) {
    return new ApiError(502, 'invalid_api_key', `Tavus refused the server's API key (TAVUS_API_KEY). ${said}`);
  }
  if (status === 402 || /out of conversational credits/i.test(text)) {
    return new ApiError(402, 'out_of_credits', `The Tavus account is out of conversational credits. ${said}`);
  }
  if (/maximum concurrent conversations/i.test(text)) {
    return new ApiError(429, 'concurrency_limit', `Tavus is running as many conversations as the account allows; try again in a minute. ${said}`);
  }
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new ApiError(429, 'rate_limited', `Tavus is rate limiting requests; try again shortly. ${said}`,
      Number.isFinite(seconds) && seconds > 0 ? { 'retry-after': String(Math.ceil(seconds)) } : {});
  }
  if (status === 404) return new ApiError(502, 'not_found', `Tavus does not know this resource. ${said}`);
  if (status >= 500) return new ApiError(502, 'server_error', `Tavus failed (${status}). ${said}`);
  return new ApiError(502, 'invalid_request', `Tavus refused the request (${status}). ${said}`);
}

const TRANSIENT = new Set(['connection_error', 'timeout', 'server_error', 'rate_limited']);

export function createTavusUpstream(options: TavusUpstreamOptions): TavusUpstream {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function once(method: string, path: string, body?: unknown): Promise<{ status: number; data: unknown }> {
    let response: Response;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, {
        method,
        headers: { 'x-api-key': options.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new ApiError(504, 'timeout', `Tavus did not answer within ${timeoutMs / 1000} s.`);
      }
      throw new ApiError(502, 'connection_error', `Tavus cannot be reached: ${String(error)}`);
    }
    const text = await response.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // a plain-text body (402 answers come as text) stays a string
    }
    if (!response.ok) throw tavusError(response.status, data, response.headers.get('retry-after'));
    return { status: response.status, data };
  }

  async function request(method: string, path: string, body?: unknown, retry = true): Promise<unknown> {
    try {
      return (await once(method, path, body)).data;
    } catch (error) {
      const transient = error instanceof ApiError && TRANSIENT.has(error.code);
      if (!retry || !transient) throw error;
      await sleep(500);
      return (await once(method, path, body)).data;
    }
  }

  function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw new ApiError(502, 'unexpected_response', `Tavus answered with an unexpected ${what}.`);
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    async createConversation(body) {
      const conversation = parse(conversationSchema, await request('POST', '/v2/conversations', body, false), 'conversation');
      if (!conversation.conversation_url) throw new ApiError(502, 'unexpected_response', 'Tavus created a conversation without a URL.');
      return { ...conversation, conversation_url: conversation.conversation_url };
    },
    async endConversation(conversationId) {
      await request('POST', `/v2/conversations/${id(conversationId)}/end`);
    },
    async getConversation(conversationId) {
      return parse(conversationSchema, await request('GET', `/v2/conversations/${id(conversationId)}`), 'conversation');
    },
    async findActiveConversation(conversationName) {
      for (let page = 1; page <= SEARCH_PAGES; page += 1) {
        const data = await request('GET', `/v2/conversations?status=active&limit=50&page=${page}`);
        const { data: conversations } = parse(conversationPageSchema, data, 'conversation list');
        const found = conversations.find((conversation) => conversation.conversation_name === conversationName);
        if (found) return found;
        if (conversations.length < 50) return null;
      }
      return null;
    },
    async getPersona(personaId) {
      return parse(personaSchema, await request('GET', `/v2/personas/${id(personaId)}`), 'persona');
    },
  };
}
