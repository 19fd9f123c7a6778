import type { TestDb } from '../../db/harness';
import { signJwt, verifyJwt } from './jwt';

/**
 * A stand-in for the two Supabase services the edge functions call, over the real migrations on
 * PGlite: GoTrue's `GET /auth/v1/user` and PostgREST's `POST /rest/v1/rpc/<fn>` and
 * `GET /rest/v1/<table>?col=eq.value`. Like the real ones it verifies every JWT (HS256, project
 * secret, expiry) and runs SQL as the token's role with its claims, so row-level security and
 * auth.uid() decide exactly as in production. The real supabase-js client talks to it.
 */

export const SUPABASE_URL = 'https://project-ref.supabase.test';
export const JWT_SECRET = 'test-jwt-secret-with-at-least-32-characters';

const hour = 3600;
const now = () => Math.floor(Date.now() / 1000);

/**
 * A project's API keys are fixed strings, issued once when the project was made: the same key on
 * every call, as a check that compares keys (the sweep's) expects. Issued 2025-12-01, valid 20 years.
 */
const KEYS_ISSUED_AT = 1_764_547_200;
const apiKey = (role: 'anon' | 'service_role') =>
  signJwt({ iss: 'supabase', role, iat: KEYS_ISSUED_AT, exp: KEYS_ISSUED_AT + 20 * 365 * 24 * hour }, JWT_SECRET);

export function anonKey(): string {
  return apiKey('anon');
}

export function serviceRoleKey(): string {
  return apiKey('service_role');
}

/** A user's access token as GoTrue issues it; `expiresIn` negative gives an expired one. */
export function userToken(userId: string, options: { expiresIn?: number; secret?: string; appMetadata?: object } = {}): string {
  return signJwt(
    {
      iss: `${SUPABASE_URL}/auth/v1`,
      sub: userId,
      aud: 'authenticated',
      role: 'authenticated',
      iat: now(),
      exp: now() + (options.expiresIn ?? hour),
      app_metadata: options.appMetadata ?? {},
    },
    options.secret ?? JWT_SECRET,
  );
}

export interface FakeSupabase {
  fetch: typeof globalThis.fetch;
  /** Every request that reached it, for assertions such as "nothing was written". */
  readonly calls: Array<{ method: string; path: string; role: string | null }>;
}

function reply(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

// PostgREST's SQLSTATE to HTTP status table (the part these functions can reach)
function statusOf(sqlState: string | undefined, role: string): number {
  if (sqlState === '42501') return role === 'anon' ? 401 : 403;
  if (sqlState === '23505' || sqlState === '23503') return 409;
  if (sqlState === '42883' || sqlState === '42P01') return 404;
  if (sqlState === 'P0001') return 400;
  if (sqlState?.startsWith('P0') || sqlState?.startsWith('XX')) return 500;
  return 400;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export function createFakeSupabase(db: TestDb): FakeSupabase {
  const calls: FakeSupabase['calls'] = [];
  let queue: Promise<unknown> = Promise.resolve();
  // one PGlite connection: requests run one after the other, as statements of one transaction
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function runAs<T>(claims: Record<string, unknown>, sql: string, params: unknown[]): Promise<T[]> {
    const role = String(claims.role);
    if (role === 'authenticated') return db.asUser<T>(String(claims.sub), sql, params);
    if (role === 'service_role') return db.asService<T>(sql, params);
    return db.asAnon<T>(sql, params);
  }

  async function user(request: Request): Promise<Response> {
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const check = verifyJwt(token, JWT_SECRET);
    if (!check.ok) {
      return reply(403, {
        code: 403,
        error_code: 'bad_jwt',
        msg: `invalid JWT: unable to parse or verify signature, token is ${check.reason}`,
      });
    }
    if (typeof check.claims.sub !== 'string') {
      return reply(403, { code: 403, error_code: 'bad_jwt', msg: 'invalid claim: missing sub claim' });
    }
    const rows = await db.asOwner<{
      id: string;
      email: string | null;
      raw_app_meta_data: object;
      is_anonymous: boolean;
      created_at: string;
    }>('select id, email, raw_app_meta_data, is_anonymous, created_at from auth.users where id = $1', [check.claims.sub]);
    const row = rows[0];
    if (!row) return reply(403, { code: 403, error_code: 'user_not_found', msg: 'User from sub claim in JWT does not exist' });
    return reply(200, {
      id: row.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: row.email ?? '',
      is_anonymous: row.is_anonymous,
      app_metadata: row.raw_app_meta_data ?? {},
      user_metadata: {},
      created_at: row.created_at,
    });
  }

  async function rest(request: Request, path: string, claims: Record<string, unknown>): Promise<Response> {
    const role = String(claims.role);
    try {
      const rpc = /^\/rest\/v1\/rpc\/([a-z_][a-z0-9_]*)$/.exec(path);
      if (rpc && request.method === 'POST') {
        const fn = rpc[1]!;
        const args = ((await request.json()) ?? {}) as Record<string, unknown>;
        const names = Object.keys(args);
        if (!names.every((name) => IDENT.test(name))) return reply(400, { code: 'PGRST100', message: 'bad argument name' });
        const values = names.map((name) => {
          const value = args[name];
          return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
        });
        const sql = `select * from public.${fn}(${names.map((name, i) => `${name} => $${i + 1}`).join(', ')})`;
        const rows = await runAs<Record<string, unknown>>(claims, sql, values);
        const first = rows[0];
        // a function returning a scalar yields one column named after it; a row type, the row
        if (first && Object.keys(first).length === 1 && fn in first) return reply(200, first[fn]);
        return reply(200, first ?? null);
      }
      const table = /^\/rest\/v1\/([a-z_][a-z0-9_]*)$/.exec(path);
      if (table && request.method === 'GET') {
        const url = new URL(request.url);
        const filters: string[] = [];
        const values: unknown[] = [];
        for (const [key, value] of url.searchParams) {
          if (key === 'select') continue;
          const eq = /^eq\.(.*)$/.exec(value);
          if (!IDENT.test(key) || !eq) return reply(400, { code: 'PGRST100', message: `unsupported filter ${key}=${value}` });
          values.push(eq[1]);
          filters.push(`${key} = $${values.length}`);
        }
        const sql = `select * from public.${table[1]}${filters.length ? ` where ${filters.join(' and ')}` : ''}`;
        const rows = await runAs(claims, sql, values);
        if ((request.headers.get('accept') ?? '').includes('vnd.pgrst.object')) {
          if (rows.length !== 1) {
            return reply(406, {
              code: 'PGRST116',
              message: 'JSON object requested, multiple (or no) rows returned',
              details: `The result contains ${rows.length} rows`,
              hint: null,
            });
          }
          return reply(200, rows[0]);
        }
        return reply(200, rows);
      }
      return reply(404, { code: 'PGRST125', message: `Invalid path ${path}` });
    } catch (error) {
      const failure = error as { code?: string; message?: string; detail?: string; hint?: string };
      return reply(statusOf(failure.code, role), {
        code: failure.code ?? 'XX000',
        message: failure.message ?? String(error),
        details: failure.detail ?? null,
        hint: failure.hint ?? null,
      });
    }
  }

  const fetch: typeof globalThis.fetch = (input, init) =>
    serial(async () => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (url.origin !== SUPABASE_URL) throw new TypeError(`fetch failed: ${url.origin} is not the test project`);
      const path = url.pathname;
      if (path === '/auth/v1/user' && request.method === 'GET') {
        calls.push({ method: 'GET', path, role: null });
        return user(request);
      }
      if (path.startsWith('/rest/v1/')) {
        const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? request.headers.get('apikey') ?? '';
        const check = verifyJwt(token, JWT_SECRET);
        if (!check.ok) {
          calls.push({ method: request.method, path, role: null });
          return reply(401, {
            code: check.reason === 'expired' ? 'PGRST303' : 'PGRST301',
            message: `JWT ${check.reason}`,
            details: null,
            hint: null,
          });
        }
        calls.push({ method: request.method, path, role: String(check.claims.role) });
        return rest(request, path, check.claims);
      }
      return reply(404, { message: `no route ${path}` });
    });

  return { fetch, calls };
}
