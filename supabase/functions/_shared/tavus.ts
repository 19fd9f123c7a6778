import { tavusConversationSteps, type ConversationSteps } from '../../../src/lib/sessions/sequence.ts';
import { createTavusClient, TavusError, type Conversation, type Persona } from '../../../src/lib/tavus/index.ts';
import { ApiError } from './http.ts';

/**
 * The server's side of the app's own Tavus client (src/lib/tavus: schemas, typed errors, retries
 * of idempotent calls, create never repeated), used with the server's key. Its failures become
 * ApiErrors that keep the Tavus code (invalid_api_key, out_of_credits, concurrency_limit, ...), so
 * the browser shows the same error as in direct mode.
 */

export interface TavusUpstream {
  /** The steps of the session sequence (src/lib/sessions/sequence.ts). */
  conversations: ConversationSteps;
  endConversation(conversationId: string): Promise<void>;
  getConversation(conversationId: string): Promise<Conversation>;
  getPersona(personaId: string): Promise<Persona>;
}

export interface TavusUpstreamOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Tavus's verdict as seen by the browser: 402/429 pass through, the server's own problems are 502/504. */
export function fromTavusError(error: TavusError): ApiError {
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  switch (error.code) {
    case 'invalid_api_key':
    case 'permission_denied':
      return new ApiError(502, error.code, `Tavus refused the server's API key: set a valid TAVUS_API_KEY secret${error.serverMessage ? ` (Tavus said: ${error.serverMessage})` : ''}.`);
    case 'out_of_credits':
      return new ApiError(402, error.code, error.message);
    case 'concurrency_limit':
      return new ApiError(429, error.code, error.message);
    case 'rate_limited':
      return new ApiError(429, error.code, error.message, retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) });
    case 'timeout':
      return new ApiError(504, error.code, error.message);
    default:
      return new ApiError(502, error.code, error.message);
  }
}

/** Any failure as an ApiError when it is one the browser should see as such. */
export function asApiError(error: unknown): unknown {
  return error instanceof TavusError ? fromTavusError(error) : error;
}

export function createTavusUpstream(options: TavusUpstreamOptions): TavusUpstream {
  const client = createTavusClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch,
    timeoutMs: 15_000,
    maxRetries: 1,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asApiError(error);
    }
  };
  const steps = tavusConversationSteps(client.conversations);
  const endConversation = (conversationId: string) => call(() => steps.end(conversationId));
  return {
    // the search's failures are only logged, so its pages keep the client's errors
    conversations: { create: (body) => call(() => steps.create(body)), end: endConversation, listActive: steps.listActive },
    endConversation,
    getConversation: (conversationId) => call(() => client.conversations.get(conversationId)),
    getPersona: (personaId) => call(() => client.personas.get(personaId)),
  };
}
