import type { SupabaseClient } from '@supabase/supabase-js';
import { ApiError, type Logger } from './http.ts';
import { sentence } from '../../../src/lib/error-catalogue.ts';

/**
 * Who is calling, from the JWT alone: Supabase Auth checks the token (signature, expiry, that the
 * user still exists) and returns the user. Nothing in the request body can name a user.
 */
export interface AuthUser {
  id: string;
  /** `app_metadata.role === 'admin'`: app metadata is writable by the service role only. */
  isAdmin: boolean;
}

export interface Caller {
  user: AuthUser;
  jwt: string;
}

export function bearerToken(request: Request): string {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw new ApiError(401, 'not_authenticated', 'Sign in first: the request carries no access token (Authorization: Bearer <jwt>).');
  }
  return match[1]!;
}

export async function authenticate(request: Request, auth: SupabaseClient, log: Logger): Promise<Caller> {
  const jwt = bearerToken(request);
  let result: Awaited<ReturnType<SupabaseClient['auth']['getUser']>>;
  try {
    result = await auth.auth.getUser(jwt);
  } catch (error) {
    log('auth unreachable', String(error));
    throw new ApiError(503, 'auth_unavailable', sentence('auth_unavailable'));
  }
  const { data, error } = result;
  if (error || !data.user) {
    const status = (error as { status?: number } | null)?.status ?? 401;
    if (status === 0 || status >= 500) {
      log('auth unavailable', { status, message: error?.message });
      throw new ApiError(503, 'auth_unavailable', sentence('auth_unavailable'));
    }
    throw new ApiError(401, 'not_authenticated', 'Your sign-in is invalid or has expired. Sign in again.');
  }
  const role = (data.user.app_metadata as Record<string, unknown> | undefined)?.role;
  return { jwt, user: { id: data.user.id, isAdmin: role === 'admin' } };
}
