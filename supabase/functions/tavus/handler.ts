import { authenticate } from '../_shared/auth.ts';
import { checkOrigin, withHeaders } from '../_shared/cors.ts';
import { ApiError, errorResponse, toErrorResponse } from '../_shared/http.ts';
import { anonClient } from '../_shared/supabase.ts';
import type { TavusDeps } from './deps.ts';
import { forwardToTavus, studioPath } from './forward.ts';
import { getPersona } from './persona.ts';
import { endSession, startSession } from './sessions.ts';
import { sweep } from './sweep.ts';
import { createInvite, endJoined, redeemInvite } from './together.ts';

export { createTavusDeps, type TavusDeps } from './deps.ts';

/**
 * The `tavus` edge function: proxy mode's only way to Tavus.
 *   GET  /tavus/persona               the persona's public facts (cached for a minute)
 *   POST /tavus/sessions              start a session          (signed-in user)
 *   POST /tavus/sessions/:id/end      end it                   (signed-in user)
 *   POST /tavus/sessions/:id/invites  invite a partner to it   (its host)
 *   POST /tavus/invites/redeem        join as the partner      (signed-in user, a guest counts)
 *   POST /tavus/sessions/:id/end-joined  the partner ends it for both
 *   POST /tavus/sweep                 close what nobody closed (the scheduler, service role key)
 *   *    /tavus/v2/<studio resource>  forwarded to Tavus       (admins)
 */
export async function handleTavus(request: Request, deps: TavusDeps): Promise<Response> {
  let cors: Record<string, string> = {};
  try {
    cors = checkOrigin(request, deps.settings.values.APP_ORIGIN ?? []);
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: cors });
    }
    return withHeaders(await route(request, deps), cors);
  } catch (error) {
    return withHeaders(toErrorResponse(error, deps.log), cors);
  }
}

/** The path after the function's name: Supabase passes `/tavus/...`, some gateways `/functions/v1/tavus/...`. */
export function routeSegments(url: string): string[] {
  const segments = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const at = segments.indexOf('tavus');
  return at === -1 ? segments : segments.slice(at + 1);
}

async function route(request: Request, deps: TavusDeps): Promise<Response> {
  const segments = routeSegments(request.url);
  const [first, second, third, ...more] = segments;
  const method = request.method;

  if (first === 'persona' && segments.length === 1) {
    return method === 'GET' ? getPersona(deps) : notAllowed(method, 'GET');
  }
  if (first === 'sessions' && segments.length === 1) {
    return method === 'POST' ? startSession(request, deps) : notAllowed(method, 'POST');
  }
  if (first === 'sessions' && second && third === 'end' && more.length === 0) {
    return method === 'POST' ? endSession(request, deps, second) : notAllowed(method, 'POST');
  }
  if (first === 'sessions' && second && (third === 'invites' || third === 'end-joined') && more.length === 0) {
    if (method !== 'POST') return notAllowed(method, 'POST');
    return third === 'invites' ? createInvite(request, deps, second) : endJoined(request, deps, second);
  }
  if (first === 'invites' && second === 'redeem' && segments.length === 2) {
    return method === 'POST' ? redeemInvite(request, deps) : notAllowed(method, 'POST');
  }
  if (first === 'sweep' && segments.length === 1) {
    return method === 'POST' ? sweep(request, deps) : notAllowed(method, 'POST');
  }
  if (first === 'v2') {
    const { SUPABASE_URL, SUPABASE_ANON_KEY } = deps.settings.require('SUPABASE_URL', 'SUPABASE_ANON_KEY');
    const { user } = await authenticate(request, anonClient(SUPABASE_URL, SUPABASE_ANON_KEY, deps.supabaseFetch), deps.log);
    if (!user.isAdmin) throw new ApiError(403, 'permission_denied', 'Managing Tavus resources is for admins (app_metadata.role = admin).');
    return forwardToTavus(request, deps, studioPath(segments));
  }
  throw new ApiError(404, 'route_not_found', `No route ${method} /tavus/${segments.join('/')}.`);
}

function notAllowed(method: string, allowed: string): Response {
  return errorResponse(new ApiError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed}.`, { allow: allowed }));
}
