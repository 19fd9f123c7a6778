import type { z } from 'zod';
import { AbortedError, ConnectionError, TimeoutError, UnexpectedResponseError, errorFromResponse } from './errors.ts';
import { defaultSleep, withRetry } from './retry.ts';
import { summarizeIssues } from './schemas/common.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TavusClientOptions {
  /** `https://tavusapi.com`, or the proxy `https://<project>.supabase.co/functions/v1/tavus`. `/v2/...` is appended. */
  baseUrl: string;
  /** Sent as `x-api-key`. Leave out in proxy mode. */
  apiKey?: string;
  /** Defaults to the global fetch; mock mode passes the simulator's. */
  fetch?: typeof fetch;
  /** Extra headers per attempt, e.g. `{ Authorization: 'Bearer <jwt>' }` in proxy mode; entries left undefined are not sent. */
  headers?: () => Record<string, string | undefined> | Promise<Record<string, string | undefined>>;
  /** Per attempt. Default 15000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls (see retry.ts). Default 2. */
  maxRetries?: number;
  /** The wait between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface TransportOptions extends TavusClientOptions {
  /** Jitter source, for tests. */
  random?: () => number;
}

/** Per-call options accepted by every method. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Lets the request outlive the page (ending a conversation when the tab closes). */
  keepalive?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Call<T> {
  method: HttpMethod;
  /** `/v2/...`, ids already encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Parses a 2xx body; without it the body is ignored. */
  schema?: z.ZodType<T>;
  /** Safe to repeat (see retry.ts). Defaults to GET only. */
  idempotent?: boolean;
  /** 304 is an answer ("nothing changed"), not an error. */
  allowNotModified?: boolean;
}

export interface CallResult<T> {
  status: number;
  /** Undefined for empty bodies, 304, or calls without a schema. */
  data: T | undefined;
}

export type Transport = <T>(call: Call<T>, options?: RequestOptions) => Promise<CallResult<T>>;

/** Secrets shorter than this are not worth scrubbing (and would mangle ordinary text). */
const MIN_SECRET = 6;
const SECRET_HEADER = /authorization|api[-_]?key|token|secret/i;

export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const userFetch = options.fetch;
  // Browsers throw "Illegal invocation" when fetch is called detached from window.
  const doFetch: FetchLike = userFetch
    ? (input, init) => userFetch.call(globalThis, input, init)
    : (input, init) => globalThis.fetch(input, init);
  const timeoutDefault = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 2;
  const sleep = options.sleep ?? defaultSleep;

  return async function request<T>(call: Call<T>, callOptions: RequestOptions = {}): Promise<CallResult<T>> {
    const label = `${call.method} ${call.path}`;
    return withRetry(() => attempt(call, label, callOptions), {
      idempotent: call.idempotent ?? call.method === 'GET',
      maxRetries,
      path: label,
      signal: callOptions.signal,
      sleep,
      random: options.random,
    });
  };

  async function attempt<T>(call: Call<T>, label: string, callOptions: RequestOptions): Promise<CallResult<T>> {
    const { signal } = callOptions;
    if (signal?.aborted) throw new AbortedError({ path: label });
    const timeoutMs = callOptions.timeoutMs ?? timeoutDefault;
    const controller = new AbortController();
    let timedOut = false;
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const secrets: string[] = options.apiKey ? [options.apiKey] : [];
    const fail = (error: unknown) => {
      if (signal?.aborted) return new AbortedError({ path: label });
      if (timedOut) return new TimeoutError({ path: label, timeoutMs });
      const reason = redact(error instanceof Error ? error.message : String(error), secrets);
      const cause = new Error(reason);
      cause.name = error instanceof Error ? error.name : 'Error';
      return new ConnectionError({ path: label, reason, cause });
    };
    try {
      const extra = options.headers ? await options.headers() : {};
      const headers: Record<string, string> = { accept: 'application/json' };
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      for (const [name, value] of Object.entries(extra)) {
        if (value === undefined) continue;
        headers[name] = value;
        if (SECRET_HEADER.test(name)) secrets.push(value, value.replace(/^Bearer\s+/i, ''));
      }
      if (options.apiKey) headers['x-api-key'] = options.apiKey;
      const init: RequestInit = { method: call.method, headers, signal: controller.signal };
      if (call.body !== undefined) init.body = JSON.stringify(call.body);
      if (callOptions.keepalive) init.keepalive = true;

      let response: Response;
      let text: string;
      try {
        // Raced against the abort signal so a fetch that ignores signals still times out.
        response = await untilAborted(doFetch(base + call.path + queryString(call.query), init), controller.signal);
        text = await untilAborted(response.text(), controller.signal);
      } catch (error) {
        throw fail(error);
      }
      text = redact(text, secrets);
      if (response.status === 304 && call.allowNotModified) return { status: 304, data: undefined };
      if (response.status < 200 || response.status >= 300) {
        throw errorFromResponse(response.status, parseBody(text), label, response.headers);
      }
      if (!call.schema) return { status: response.status, data: undefined };
      return { status: response.status, data: parseWith(call.schema, text, label, response.status) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function queryString(query: Call<unknown>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET) out = out.split(secret).join('[redacted]');
  return out;
}

function parseBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseWith<T>(schema: z.ZodType<T>, text: string, label: string, status: number): T {
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    throw new UnexpectedResponseError({ path: label, status, summary: 'the body is not JSON' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UnexpectedResponseError({ path: label, status, summary: summarizeIssues(parsed.error) });
  return parsed.data;
}
