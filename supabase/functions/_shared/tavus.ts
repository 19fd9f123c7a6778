import { tavusConversationSteps, type ConversationSteps } from '../../../src/lib/sessions/sequence.ts';
import { TAVUS_ERRORS } from '../../../src/lib/error-catalogue.ts';
import { createTavusClient, RateLimitError, TavusError, type Conversation, type Persona } from '../../../src/lib/tavus/index.ts';
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

/** Tavus's verdict as seen by the browser, with the catalogue's status: 402/429 pass through, the server's own account's problems are 502/504. */
export function fromTavusError(error: TavusError): ApiError {
  const { status } = TAVUS_ERRORS[error.code];
  if (error.code === 'invalid_api_key' || error.code === 'permission_denied') {
    return new ApiError(
      status,
      error.code,
      `Tavus refused the server's API key: set a valid TAVUS_API_KEY secret${error.serverMessage ? ` (Tavus said: ${error.serverMessage})` : ''}.`,
    );
  }
  const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
  return new ApiError(
    status,
    error.code,
    error.message,
    retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
  );
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
