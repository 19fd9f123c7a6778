import { ApiError } from './http.ts';

/**
 * CORS for the app's own origins (APP_ORIGIN) and nobody else's. With no APP_ORIGIN every
 * browser origin is refused. Requests without an Origin header (servers, curl) are not browser
 * requests and pass; they still need a valid JWT.
 */

const ALLOWED_HEADERS = 'authorization, apikey, content-type, x-client-info';
const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** The CORS headers for this request, or an ApiError when a browser calls from a foreign origin. */
export function checkOrigin(request: Request, allowed: readonly string[]): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null) return {};
  if (!allowed.includes(origin)) {
    throw new ApiError(
      403,
      'origin_not_allowed',
      allowed.length === 0
        ? 'This function accepts no browser origin until the APP_ORIGIN secret names the app.'
        : `The origin ${origin} may not call this function.`,
      { vary: 'Origin' },
    );
  }
  return corsHeaders(origin);
}

/** Adds headers to a response without losing its status or body. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
