import type { PGlite } from '@electric-sql/pglite';
import { SIGN_UP } from '../../db/sign-up.mjs';

/**
 * A small stand-in for Supabase's gateway in front of PGlite: GoTrue's anonymous sign-up and
 * /user, and PostgREST's rpc and table reads. Each request runs in one transaction as the role
 * and claims of its Bearer token, the way PostgREST does, and failures come back in PostgREST's
 * `{ code, message, details, hint }` shape with its status codes. Only what the app uses is here.
 */

export const ANON_KEY = token({ role: 'anon', iss: 'supabase-demo' });

export interface StandIn {
  fetch: typeof fetch;
  /** Every request seen, in order. */
  requests: Array<{ method: string; url: URL; keepalive: boolean }>;
  /** When set, every user token is answered as expired (401). */
  expireTokens: boolean;
}

function base64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

export function token(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

function claimsOf(request: Request): Record<string, unknown> {
  const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? request.headers.get('apikey') ?? '';
  const payload = bearer.split('.')[1];
  if (!payload) return { role: 'anon' };
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function pgError(error: unknown, role: string): Response {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  const status =
    e.code === 'P0001'
      ? 400
      : e.code === '42501'
        ? role === 'anon'
          ? 401
          : 403
        : e.code === '23505'
          ? 409
          : e.code?.startsWith('22')
            ? 400
            : 500;
  return json(status, { code: e.code ?? 'XX000', message: e.message ?? String(error), details: e.detail ?? null, hint: e.hint ?? null });
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw Object.assign(new Error(`unsupported name ${name}`), { code: 'PGRST100' });
  return name;
}

/** `col=op.value` filters, `order=a.desc,b`, `limit`, `offset`: the subset postgrest-js sends for our reads. */
function readQuery(url: URL, params: unknown[]) {
  const where: string[] = [];
  let order = '';
  let limit: number | undefined;
  let offset = 0;
  for (const [key, value] of url.searchParams) {
    if (key === 'select') {
      if (value !== '*') throw Object.assign(new Error(`select=${value} is not supported here`), { code: 'PGRST100' });
    } else if (key === 'order') {
      order = value
        .split(',')
        .map((part) => {
          const [column, direction = 'asc'] = part.split('.');
          return `${ident(column!)} ${direction === 'desc' ? 'desc' : 'asc'}`;
        })
        .join(', ');
    } else if (key === 'limit') limit = Number(value);
    else if (key === 'offset') offset = Number(value);
    else {
      const [op, ...rest] = value.split('.');
      const operand = rest.join('.');
      if (op === 'eq') {
        params.push(operand);
        where.push(`${ident(key)}::text = $${params.length}`);
      } else if (op === 'in') {
        params.push(
          operand
            .replace(/^\(|\)$/g, '')
            .split(',')
            .map((v) => v.replace(/^"|"$/g, '')),
        );
        where.push(`${ident(key)}::text = any($${params.length}::text[])`);
      } else throw Object.assign(new Error(`operator ${op} is not supported here`), { code: 'PGRST100' });
    }
  }
  return { where: where.length ? `where ${where.join(' and ')}` : '', order: order ? `order by ${order}` : '', limit, offset };
}

export function createStandIn(pg: PGlite, baseUrl: string): StandIn {
  const state: StandIn = { requests: [], expireTokens: false, fetch: undefined as unknown as typeof fetch };

  // PostgREST runs GET and HEAD in a read-only transaction, a POST to a volatile function read-write
  async function asCaller<T>(claims: Record<string, unknown>, work: (q: PGlite['query']) => Promise<T>, readOnly = false): Promise<T> {
    return pg.transaction(async (tx) => {
      if (readOnly) await tx.exec('set transaction read only');
      await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        String(claims.role),
        JSON.stringify(claims),
      ]);
      return work(tx.query.bind(tx) as PGlite['query']);
    });
  }

  async function auth(request: Request, path: string): Promise<Response> {
    if (path === '/auth/v1/signup' && request.method === 'POST') {
      const id = crypto.randomUUID();
      await pg.query(SIGN_UP, [id, null, true]);
      const user = {
        id,
        aud: 'authenticated',
        role: 'authenticated',
        email: '',
        is_anonymous: true,
        app_metadata: {},
        user_metadata: {},
        created_at: new Date().toISOString(),
      };
      const expiresAt = Math.floor(Date.now() / 1000) + 3600;
      const access = token({ sub: id, role: 'authenticated', aud: 'authenticated', exp: expiresAt, is_anonymous: true });
      return json(200, {
        access_token: access,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: expiresAt,
        refresh_token: `r-${id}`,
        user,
      });
    }
    if (path === '/auth/v1/user') {
      const claims = claimsOf(request);
      return json(200, {
        id: claims.sub,
        aud: 'authenticated',
        role: 'authenticated',
        is_anonymous: true,
        app_metadata: {},
        user_metadata: {},
      });
    }
    if (path === '/auth/v1/logout') return new Response(null, { status: 204 });
    return json(404, { code: 404, msg: `no ${path}` });
  }

  async function rest(request: Request, url: URL, path: string): Promise<Response> {
    const claims = claimsOf(request);
    const role = String(claims.role ?? 'anon');
    if (state.expireTokens && role === 'authenticated')
      return json(401, { code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
    try {
      if (path.startsWith('/rest/v1/rpc/')) {
        const fn = ident(path.slice('/rest/v1/rpc/'.length));
        const body = (await request.json()) as Record<string, unknown>;
        const names = Object.keys(body).map(ident);
        const values = names.map((name) =>
          body[name] !== null && typeof body[name] === 'object' ? JSON.stringify(body[name]) : body[name],
        );
        const args = names.map((name, i) => `${name} => $${i + 1}`).join(', ');
        const rows = await asCaller(claims, (q) =>
          q<{ row: unknown }>(`select to_jsonb(r) as row from public.${fn}(${args}) as r`, values),
        );
        return json(200, rows.rows[0]?.row ?? null);
      }
      const table = ident(path.slice('/rest/v1/'.length));
      const params: unknown[] = [];
      const q = readQuery(url, params);
      const countWanted = /count=exact/.test(request.headers.get('prefer') ?? '');
      const { rows, count } = await asCaller(
        claims,
        async (query) => {
          const total = countWanted
            ? (await query<{ n: number }>(`select count(*)::int as n from public.${table} ${q.where}`, params)).rows[0]!.n
            : undefined;
          const limit = q.limit === undefined ? '' : `limit ${Math.trunc(q.limit)}`;
          const page = await query<{ row: unknown }>(
            `select to_jsonb(t) as row from public.${table} t ${q.where} ${q.order} ${limit} offset ${Math.trunc(q.offset)}`,
            params,
          );
          return { rows: page.rows.map((r) => r.row), count: total };
        },
        true,
      );
      if (count !== undefined && q.offset > 0 && q.offset >= count) {
        return json(416, {
          code: 'PGRST103',
          message: 'Requested range not satisfiable',
          details: `An offset of ${q.offset} was requested, but there are only ${count} rows.`,
          hint: null,
        });
      }
      const range = `${rows.length ? `${q.offset}-${q.offset + rows.length - 1}` : '*'}/${count ?? '*'}`;
      if ((request.headers.get('accept') ?? '').startsWith('application/vnd.pgrst.object+json')) {
        if (rows.length !== 1) {
          return json(406, {
            code: 'PGRST116',
            message: 'Cannot coerce the result to a single JSON object',
            details: `The result contains ${rows.length} rows`,
            hint: null,
          });
        }
        return json(200, rows[0], { 'Content-Range': range });
      }
      return json(200, request.method === 'HEAD' ? undefined : rows, { 'Content-Range': range });
    } catch (error) {
      return pgError(error, role);
    }
  }

  state.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    state.requests.push({ method: request.method, url, keepalive: init?.keepalive === true });
    if (!request.url.startsWith(baseUrl)) return json(502, { message: `unexpected host ${url.host}` });
    if (url.pathname.startsWith('/auth/v1/')) return auth(request, url.pathname);
    if (url.pathname.startsWith('/rest/v1/')) return rest(request, url, url.pathname);
    return json(404, { message: `no route ${url.pathname}` });
  };
  return state;
}
