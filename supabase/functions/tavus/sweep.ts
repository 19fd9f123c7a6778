import { bearerToken } from '../_shared/auth.ts';
import { serverSessions } from '../_shared/db.ts';
import { ApiError, json } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { settleCalls } from './calls.ts';
import { upstream, type TavusDeps } from './deps.ts';

/**
 * POST /tavus/sweep, for the scheduler (pg_cron with pg_net, or any cron) with the service role
 * key: closes the sessions nobody ended (public.expire_stale_sessions), then asks Tavus about every
 * call of a closed session not yet seen to stop, ends those still running and charges them.
 */

const CALLS_PER_SWEEP = 100;

async function sameSecret(given: string, expected: string): Promise<boolean> {
  // compared as digests: equal length, and no early exit on the first differing character
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export async function sweep(request: Request, deps: TavusDeps): Promise<Response> {
  const { SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY } = deps.settings.require('SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY');
  if (!(await sameSecret(bearerToken(request), SUPABASE_SERVICE_ROLE_KEY))) {
    throw new ApiError(403, 'permission_denied', 'The sweep is run by the scheduler, with the service role key.');
  }
  const db = serverSessions(serviceClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, deps.supabaseFetch), deps.log);
  const tavus = upstream(deps);
  const expired = await db.expireStale();
  const report = await settleCalls(db, tavus, await db.callsToCheck(null, CALLS_PER_SWEEP), deps.now, deps.log);
  return json({ expired, ...report });
}
