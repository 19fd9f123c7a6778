import { ApiError, readText } from '../_shared/http.ts';
import type { TavusDeps } from './deps.ts';
import { TAVUS_ID_PATTERN } from '../../../src/lib/rules.ts';

/**
 * /tavus/v2/* for the studio: sent on to Tavus with the server's key, for admins only and only for
 * the resources the studio manages. The answer comes back as Tavus gave it (status, JSON, 304), so
 * the app's Tavus client works unchanged with baseUrl `<functions>/tavus`.
 */

export const STUDIO_RESOURCES = new Set(['personas', 'replicas', 'objectives', 'guardrails', 'documents', 'conversations']);
const METHODS = new Set(['GET', 'POST', 'PATCH', 'DELETE']);
const MAX_BODY_BYTES = 1024 * 1024;

/** The Tavus path for `/v2/...` segments, or an ApiError when it is not a studio resource. */
export function studioPath(segments: readonly string[]): string {
  const [version, resource, ...rest] = segments;
  if (version !== 'v2' || !resource || !STUDIO_RESOURCES.has(resource)) {
    throw new ApiError(
      403,
      'permission_denied',
      `Only the studio's resources (${[...STUDIO_RESOURCES].join(', ')}) are forwarded to Tavus.`,
    );
  }
  if (![resource, ...rest].every((segment) => TAVUS_ID_PATTERN.test(segment)) || rest.length > 2) {
    throw new ApiError(400, 'invalid_argument', 'The Tavus path has an unexpected segment.');
  }
  return `/v2/${[resource, ...rest].join('/')}`;
}

export async function forwardToTavus(request: Request, deps: TavusDeps, path: string): Promise<Response> {
  if (!METHODS.has(request.method)) {
    throw new ApiError(405, 'method_not_allowed', `${request.method} is not forwarded to Tavus.`);
  }
  const { TAVUS_API_KEY, TAVUS_BASE_URL } = deps.settings.require('TAVUS_API_KEY', 'TAVUS_BASE_URL');
  const search = new URL(request.url).search;
  const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await readText(request, MAX_BODY_BYTES);

  let response: Response;
  try {
    response = await deps.tavusFetch(`${TAVUS_BASE_URL}${path}${search}`, {
      method: request.method,
      headers: {
        'x-api-key': TAVUS_API_KEY,
        ...(body ? { 'content-type': request.headers.get('content-type') ?? 'application/json' } : {}),
      },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new ApiError(502, 'connection_error', `Tavus cannot be reached: ${String(error)}`);
  }

  // only the body and its type go back: no upstream cookies or other headers
  const headers = new Headers();
  const type = response.headers.get('content-type');
  if (type) headers.set('content-type', type);
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) headers.set('retry-after', retryAfter);
  headers.set('cache-control', 'no-store');
  const empty = response.status === 204 || response.status === 304;
  if (empty) return new Response(null, { status: response.status, headers });
  const answer = await response.arrayBuffer();
  return new Response(type?.includes('json') ? withoutCallbackTokens(answer) : answer, { status: response.status, headers });
}

/**
 * Tavus gives back each conversation's callback_url, and the token in it is the only thing that
 * authenticates a callback: whoever reads it could write into that session. The token is replaced
 * before anything leaves the server, wherever a callback_url (or webhook_url) appears in the answer.
 */
// conversation objects carry callback_url; the events of a verbose conversation may echo it as webhook_url
const SECRET_BEARING = new Set(['callback_url', 'webhook_url']);

export function withoutCallbackTokens(answer: ArrayBuffer): ArrayBuffer | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(answer));
  } catch {
    return answer;
  }
  let changed = false;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_BEARING.has(key) && typeof item === 'string') {
        const redacted = redactToken(item);
        changed ||= redacted !== item;
        out[key] = redacted;
      } else {
        out[key] = walk(item);
      }
    }
    return out;
  };
  const cleaned = walk(parsed);
  return changed ? JSON.stringify(cleaned) : answer;
}

function redactToken(callbackUrl: string): string {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    // not a URL: nothing of ours could hide in it, but neither can it be shown safely
    return /token/i.test(callbackUrl) ? '[redacted]' : callbackUrl;
  }
  if (!url.searchParams.has('token')) return callbackUrl;
  url.searchParams.set('token', 'redacted');
  return url.toString();
}
