import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  RateLimitError,
  ServerError,
  TimeoutError,
  createTavusClient,
  retryDelayMs,
  type TavusClientOptions,
} from '@/lib/tavus';

const persona = { persona_id: 'p7e13c73f41f', persona_name: 'Reflective Listener' };
type Answer = Response | Error | (() => Promise<Response>);

/** A fetch that answers from a script and remembers every call. */
function scriptedFetch(...answers: Answer[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
const status = (code: number, body: unknown = { message: 'x' }, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: code, headers });

function client(fetch: typeof globalThis.fetch, extra: Partial<TavusClientOptions> = {}) {
  const sleeps: number[] = [];
  const tavus = createTavusClient({
    baseUrl: 'https://tavusapi.com/',
    apiKey: 'tvs_secret_key_123',
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return { tavus, sleeps };
}

describe('requests', () => {
  it('sends x-api-key only when a key is given, and proxy headers from the callback on every call', async () => {
    const direct = scriptedFetch(ok(persona));
    await client(direct.fetch).tavus.personas.get('p7e13c73f41f');
    expect(direct.calls[0]!.url).toBe('https://tavusapi.com/v2/personas/p7e13c73f41f');
    expect((direct.calls[0]!.init.headers as Record<string, string>)['x-api-key']).toBe('tvs_secret_key_123');

    const proxy = scriptedFetch(ok(persona));
    let token = 0;
    const { tavus } = client(proxy.fetch, {
      apiKey: undefined,
      baseUrl: 'https://abc.supabase.co/functions/v1/tavus',
      headers: async () => ({ Authorization: `Bearer jwt-${++token}` }),
    });
    await tavus.personas.get('p7e13c73f41f');
    await tavus.personas.get('p7e13c73f41f');
    const headers = proxy.calls.map((c) => c.init.headers as Record<string, string>);
    expect(proxy.calls[0]!.url).toBe('https://abc.supabase.co/functions/v1/tavus/v2/personas/p7e13c73f41f');
    expect(headers.map((h) => h.Authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    expect(headers[0]).not.toHaveProperty('x-api-key');
  });

  it('refuses bad options and bad ids before any request', async () => {
    expect(() => createTavusClient({ baseUrl: 'tavusapi.com' })).toThrow(/full http\(s\) URL/);
    expect(() => createTavusClient({ baseUrl: 'https://tavusapi.com/v2' })).toThrow(/ends with \/v2/);
    expect(() => createTavusClient({ baseUrl: 'https://tavusapi.com', timeoutMs: 0 })).toThrow(/timeoutMs/);
    const { fetch, calls } = scriptedFetch(ok(persona));
    const { tavus } = client(fetch);
    await expect(tavus.personas.get('../secrets')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(tavus.conversations.end('')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(tavus.personas.update('p7e13c73f41f', [])).rejects.toThrow(/empty/);
    expect(calls).toHaveLength(0);
  });

  it('passes keepalive through so an end can outlive a closing tab', async () => {
    const { fetch, calls } = scriptedFetch(new Response(null, { status: 200 }));
    await client(fetch).tavus.conversations.end('c123456789ab', { keepalive: true });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', keepalive: true });
  });
});

describe('retry policy', () => {
  it('retries a GET through 503 and a dropped connection, waiting longer each time', async () => {
    const { fetch, calls } = scriptedFetch(status(503), new TypeError('fetch failed'), ok(persona));
    const { tavus, sleeps } = client(fetch);
    expect((await tavus.personas.get('p7e13c73f41f')).persona_name).toBe('Reflective Listener');
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2);
    expect(sleeps[0]).toBeLessThanOrEqual(RETRY_BASE_MS);
    expect(sleeps[1]).toBeGreaterThanOrEqual(RETRY_BASE_MS);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { fetch, calls } = scriptedFetch(status(500));
    await expect(client(fetch, { maxRetries: 4 }).tavus.replicas.get('r4317e64d25a')).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(5);
    const none = scriptedFetch(status(500));
    await expect(client(none.fetch, { maxRetries: 0 }).tavus.replicas.get('r4317e64d25a')).rejects.toBeInstanceOf(ServerError);
    expect(none.calls).toHaveLength(1);
  });

  it('never repeats a create, even on 503 or a dropped connection', async () => {
    for (const failure of [status(503), new TypeError('socket hang up')]) {
      const { fetch, calls } = scriptedFetch(failure, ok({ conversation_id: 'c1', conversation_url: 'https://tavus.daily.co/c1' }));
      await expect(client(fetch).tavus.conversations.create({ persona_id: 'p7e13c73f41f' })).rejects.toBeDefined();
      expect(calls).toHaveLength(1);
    }
  });

  it('retries conversations.end (idempotent) but not delete', async () => {
    const end = scriptedFetch(status(502), new Response(null, { status: 200 }));
    await client(end.fetch).tavus.conversations.end('c123456789ab');
    expect(end.calls).toHaveLength(2);
    const del = scriptedFetch(status(502), new Response(null, { status: 204 }));
    await expect(client(del.fetch).tavus.conversations.delete('c123456789ab')).rejects.toBeInstanceOf(ServerError);
    expect(del.calls).toHaveLength(1);
  });

  it('an end whose retry finds the conversation already ended counts as ended; other 400s still fail', async () => {
    const lost = scriptedFetch(new TypeError('connection reset'), status(400, { error: 'Conversation has already ended' }));
    await expect(client(lost.fetch).tavus.conversations.end('c123456789ab')).resolves.toBeUndefined();
    expect(lost.calls).toHaveLength(2);
    const invalid = scriptedFetch(status(400, { error: 'Invalid conversation_id' }));
    await expect(client(invalid.fetch).tavus.conversations.end('c123456789ab')).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('does not retry 4xx answers other than 429', async () => {
    for (const code of [400, 401, 402, 404, 422]) {
      const { fetch, calls } = scriptedFetch(status(code), ok(persona));
      await expect(client(fetch).tavus.personas.get('p7e13c73f41f')).rejects.toBeDefined();
      expect(calls).toHaveLength(1);
    }
  });

  it('honours Retry-After in seconds and as an HTTP date, and hands back waits over a minute', async () => {
    const seconds = scriptedFetch(status(429, {}, { 'Retry-After': '3' }), ok(persona));
    const first = client(seconds.fetch);
    await first.tavus.personas.get('p7e13c73f41f');
    expect(first.sleeps).toEqual([3000]);

    const date = new Date(Date.now() + 8000).toUTCString();
    const dated = scriptedFetch(status(429, {}, { 'Retry-After': date }), ok(persona));
    const second = client(dated.fetch);
    await second.tavus.personas.get('p7e13c73f41f');
    expect(second.sleeps[0]).toBeGreaterThan(6000);
    expect(second.sleeps[0]).toBeLessThanOrEqual(8000);

    const long = scriptedFetch(status(429, {}, { 'Retry-After': '120' }), ok(persona));
    const third = client(long.fetch);
    const error = await third.tavus.personas.get('p7e13c73f41f').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(long.calls).toHaveLength(1);
  });

  it('caps the wait at 5 s and keeps jitter within half to all of the step', () => {
    const error = new ServerError({ path: 'GET /v2/personas', status: 500 });
    expect(retryDelayMs(0, error, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(0, error, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(3, error, () => 1)).toBe(RETRY_BASE_MS * 8);
    expect(retryDelayMs(10, error, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(10, error, () => 0)).toBe(RETRY_CAP_MS / 2);
  });
});

describe('timeouts and aborts', () => {
  const never = () => new Promise<Response>(() => undefined);

  it('times out each attempt, even when fetch ignores the abort signal, then retries a GET', async () => {
    const { fetch, calls } = scriptedFetch(never, never, ok(persona));
    const { tavus } = client(fetch, { timeoutMs: 10 });
    expect((await tavus.personas.get('p7e13c73f41f')).persona_id).toBe('p7e13c73f41f');
    expect(calls).toHaveLength(3);
    expect(calls[0]!.init.signal?.aborted).toBe(true);
  });

  it('a per-call timeout overrides the default and names the call', async () => {
    const { fetch } = scriptedFetch(never);
    const { tavus } = client(fetch, { maxRetries: 0 });
    const error = await tavus.personas.get('p7e13c73f41f', { timeoutMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'timeout', path: 'GET /v2/personas/p7e13c73f41f' });
    expect((error as Error).message).toContain('5 ms');
  });

  it('an already-aborted signal sends nothing; aborting mid-request stops it and it is never retried', async () => {
    const { fetch, calls } = scriptedFetch(never);
    const { tavus } = client(fetch);
    await expect(tavus.personas.get('p7e13c73f41f', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    expect(calls).toHaveLength(0);
    const controller = new AbortController();
    const pending = tavus.personas.get('p7e13c73f41f', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(calls).toHaveLength(1);
  });

  it('an abort during the wait between retries ends the call without another attempt', async () => {
    const { fetch, calls } = scriptedFetch(status(503), ok(persona));
    const controller = new AbortController();
    const tavus = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: 'k',
      fetch,
      sleep: () => {
        controller.abort();
        return new Promise(() => undefined);
      },
    });
    await expect(tavus.personas.get('p7e13c73f41f', { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(calls).toHaveLength(1);
  });

  it('a dropped connection is a ConnectionError whose cause is kept without the key', async () => {
    const { fetch } = scriptedFetch(new TypeError('connect ECONNREFUSED for key tvs_secret_key_123'));
    const error = await client(fetch, { maxRetries: 0 })
      .tavus.personas.get('p7e13c73f41f')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String((error as Error).cause)).toContain('ECONNREFUSED');
    expect(String((error as Error).cause)).not.toContain('tvs_secret_key_123');
    expect((error as Error).message).not.toContain('tvs_secret_key_123');
  });
});
