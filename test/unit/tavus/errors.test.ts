import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConcurrencyLimitError,
  InvalidRequestError,
  NotFoundError,
  OutOfCreditsError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TavusError,
  UnexpectedResponseError,
  createTavusClient,
  errorFromResponse,
  parseRetryAfter,
} from '@/lib/tavus';

const PATH = 'POST /v2/conversations';

describe('errorFromResponse', () => {
  it.each([
    [401, { message: 'Invalid access token' }, AuthenticationError, 'invalid_api_key'],
    [403, { message: 'Forbidden' }, PermissionDeniedError, 'permission_denied'],
    [402, 'Payment Required', OutOfCreditsError, 'out_of_credits'],
    [400, 'Sorry, you are out of conversational credits', OutOfCreditsError, 'out_of_credits'],
    [400, { message: 'User has reached maximum concurrent conversations' }, ConcurrencyLimitError, 'concurrency_limit'],
    [404, { error: 'Objective not found' }, NotFoundError, 'not_found'],
    [400, { error: 'Invalid persona_id' }, InvalidRequestError, 'invalid_request'],
    [422, { message: 'Invalid JSON patch format' }, InvalidRequestError, 'invalid_request'],
    [409, { message: 'Document is processing' }, InvalidRequestError, 'invalid_request'],
    [429, { message: 'Too many' }, RateLimitError, 'rate_limited'],
    [500, undefined, ServerError, 'server_error'],
    [503, 'Service Unavailable', ServerError, 'server_error'],
  ] as const)('%i %j -> %o', (status, body, type, code) => {
    const error = errorFromResponse(status, body, PATH, {});
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(TavusError);
    expect(error).toMatchObject({ status, code, path: PATH });
    expect(error.name).toBe(type.name);
    expect(error.message).toContain(PATH);
  });

  it('reads the reason from error, message, or both', () => {
    expect(errorFromResponse(400, { error: 'Invalid persona_id' }, PATH).serverMessage).toBe('Invalid persona_id');
    expect(errorFromResponse(404, { message: 'Document not found' }, PATH).serverMessage).toBe('Document not found');
    expect(errorFromResponse(400, { error: 'Bad request', message: 'conversation_name is too long' }, PATH).serverMessage).toBe(
      'Bad request: conversation_name is too long',
    );
    expect(errorFromResponse(400, { error: { message: 'nested reason' } }, PATH).serverMessage).toBe('nested reason');
  });

  it('says what to do next', () => {
    expect(errorFromResponse(401, { message: 'Invalid access token' }, PATH).message).toMatch(/Check the Tavus API key/);
    expect(errorFromResponse(402, '', PATH).message).toMatch(/Add credits/);
    expect(errorFromResponse(400, { message: 'User has reached maximum concurrent conversations' }, PATH).message).toMatch(
      /End a running conversation/,
    );
    expect(errorFromResponse(400, { error: 'Invalid replica_id' }, PATH).message).toMatch(/replica_id exists/);
    expect(errorFromResponse(503, '', PATH).message).toMatch(/try again/);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    const error = errorFromResponse(429, {}, PATH, new Headers({ 'Retry-After': '7' })) as RateLimitError;
    expect(error.retryAfterMs).toBe(7000);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
  });
});

describe('the API key never shows', () => {
  const KEY = 'tvs_5f2b1c0d9e8a7b6c5d4e3f2a1b0c9d8e';

  it('not in any error built from a body that echoes it, nor in its JSON, inspection or cause', async () => {
    const echoes = [
      new Response(JSON.stringify({ message: `Invalid access token ${KEY}` }), { status: 401 }),
      new Response(`upstream said x-api-key=${KEY} is out of conversational credits`, { status: 402 }),
      new Response(JSON.stringify({ error: `Invalid persona_id (key ${KEY})` }), { status: 400 }),
      new Response(JSON.stringify({ persona_id: 7, echo: KEY }), { status: 200 }),
    ];
    const errors: unknown[] = [];
    for (const response of echoes) {
      const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: KEY, fetch: async () => response, maxRetries: 0 });
      errors.push(await tavus.personas.get('p7e13c73f41f').catch((e: unknown) => e));
    }
    const thrown = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: KEY,
      maxRetries: 0,
      fetch: async () => {
        throw new Error(`request with header x-api-key: ${KEY} failed`);
      },
    });
    errors.push(await thrown.personas.get('p7e13c73f41f').catch((e: unknown) => e));

    expect(errors.map((e) => (e as TavusError).code)).toEqual([
      'invalid_api_key',
      'out_of_credits',
      'invalid_request',
      'unexpected_response',
      'connection_error',
    ]);
    for (const error of errors) {
      const e = error as TavusError;
      for (const view of [
        e.message,
        String(e),
        JSON.stringify(e),
        inspect(e, { depth: 10 }),
        String(e.cause),
        e.stack ?? '',
        e.serverMessage ?? '',
      ]) {
        expect(view).not.toContain(KEY);
      }
    }
    expect((errors[0] as TavusError).serverMessage).toBe('Invalid access token [redacted]');
  });

  it('nor the bearer token of proxy mode', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.payload.signature';
    const tavus = createTavusClient({
      baseUrl: 'https://x.supabase.co/functions/v1/tavus',
      headers: () => ({ Authorization: `Bearer ${jwt}` }),
      fetch: async () => new Response(JSON.stringify({ message: `bad token Bearer ${jwt}` }), { status: 401 }),
    });
    const error = await tavus.personas.get('p7e13c73f41f').catch((e: unknown) => e as TavusError);
    expect(JSON.stringify(error) + inspect(error)).not.toContain(jwt);
  });

  it('a response that does not match gets a short summary naming the fields', async () => {
    const tavus = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: KEY,
      fetch: async () => new Response(JSON.stringify({ data: [{ persona_name: 'no id' }], total_count: 1 })),
    });
    const error = (await tavus.personas.list().then(
      () => undefined,
      (e: unknown) => e,
    )) as UnexpectedResponseError;
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toMatch(/data\.0\.persona_id/);
    const notJson = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: KEY, fetch: async () => new Response('<html>') });
    await expect(notJson.personas.get('p1')).rejects.toThrow(/not JSON/);
  });
});
