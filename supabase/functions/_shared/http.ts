/**
 * Every answer of the edge functions is JSON; every failure is `{ error: { code, message } }` with a
 * status that says whose fault it is (4xx the caller's, 502/504 Tavus's, 503 the server's settings).
 */
import { sentence } from '../../../src/lib/error-catalogue.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  /** Fields sent next to `error`, such as the session a half-failed end did close. */
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.extra = extra;
  }
}

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'application/json; charset=utf-8');
  merged.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: merged });
}

export function errorResponse(error: ApiError): Response {
  return json({ ...error.extra, error: { code: error.code, message: error.message } }, error.status, error.headers);
}

/** Anything thrown that is not an ApiError is a bug or an outage: logged, and answered without internals. */
export function toErrorResponse(error: unknown, log: (message: string, data?: unknown) => void): Response {
  if (error instanceof ApiError) return errorResponse(error);
  log('unexpected failure', error instanceof Error ? { name: error.name, message: error.message } : error);
  return errorResponse(new ApiError(500, 'internal_error', sentence('internal_error')));
}

const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'invalid_argument', `The request body is larger than ${maxBytes} bytes.`);
}

/**
 * The request body as text, read chunk by chunk and abandoned as soon as it passes `maxBytes`: a
 * body sent in chunks without a content-length is never held whole in memory.
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * The request body as JSON, whatever its content type (a keepalive request sent while the tab
 * closes may come as text/plain). An empty body is `undefined`.
 */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readText(request, maxBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_argument', 'The request body is not valid JSON.');
  }
}

/** The first zod issue, phrased as `field: problem`, for a 400 that says what to fix. */
export function describeIssue(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const issue = issues[0];
  if (!issue) return 'The request is not valid.';
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

export type Logger = (message: string, data?: unknown) => void;

export const consoleLogger: Logger = (message, data) => {
  console.log(JSON.stringify({ message, ...(data === undefined ? {} : { data }) }));
};
