import { setupTestDb } from '../db/harness';
import { anonKey, userToken } from './support/fake-supabase';
import { APP_ORIGIN, body, createWorld, serverEnv, serverOwned, type World } from './support/world';

const db = setupTestDb();
// a proxy deployment: the database lets only the server write sessions
beforeEach(() => serverOwned(db));
let world: World;
beforeEach(() => {
  world = createWorld(db);
});

const sessionCount = async () => Number((await db.asOwner<{ n: number }>('select count(*)::int as n from public.sessions'))[0]!.n);
const tavusCalls = () => world.tavusRequests.length;

describe('the user comes from a verified JWT, never from the request', () => {
  const refusals: Array<[string, () => Promise<Record<string, string>>]> = [
    ['no Authorization header', async () => ({})],
    ['a header that is not a Bearer token', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['an expired token', async () => ({ authorization: `Bearer ${userToken((await world.user()).id, { expiresIn: -60 })}` })],
    [
      'a token signed with another secret (forged)',
      async () => ({
        authorization: `Bearer ${userToken((await world.user()).id, { secret: 'not-the-project-secret-0123456789abcdef' })}`,
      }),
    ],
    [
      'a token with a tampered payload',
      async () => {
        const victim = await world.user();
        const attacker = await world.user();
        const [head, , signature] = attacker.token.split('.');
        const payload = Buffer.from(
          JSON.stringify({ sub: victim.id, role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }),
        ).toString('base64url');
        return { authorization: `Bearer ${head}.${payload}.${signature}` };
      },
    ],
    [
      'an unsigned token (alg none)',
      async () => {
        const { id } = await world.user();
        const none = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return { authorization: `Bearer ${none({ alg: 'none', typ: 'JWT' })}.${none({ sub: id, role: 'authenticated' })}.` };
      },
    ],
    ['the anon key', async () => ({ authorization: `Bearer ${anonKey()}` })],
    [
      'a token for a user who does not exist',
      async () => ({ authorization: `Bearer ${userToken('5d0f4a38-1f8e-4b55-9d3a-0c2f9a6b1e77')}` }),
    ],
  ];

  it.each(refusals)('POST /tavus/sessions with %s: 401, nothing reserved, Tavus never called', async (_what, headers) => {
    const response = await world.call('/sessions', { headers: await headers(), body: { session_type: 'reflect_alone' } });
    expect(response.status).toBe(401);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('not_authenticated');
    expect(await sessionCount()).toBe(0);
    expect(tavusCalls()).toBe(0);
  });

  it.each(refusals)('POST /tavus/sessions/:id/end with %s: 401, the session stays open', async (_what, headers) => {
    const owner = await world.user();
    const started = await body<{ session: { id: string } }>(
      await world.call('/sessions', { token: owner.token, body: { session_type: 'reflect_alone' } }),
    );
    const response = await world.call(`/sessions/${started.session.id}/end`, { headers: await headers(), method: 'POST' });
    expect(response.status).toBe(401);
    const [row] = await db.asOwner<{ status: string }>('select status from public.sessions where id = $1', [started.session.id]);
    expect(row!.status).toBe('active');
  });

  it('ignores a user named in the body: the session belongs to the token', async () => {
    const caller = await world.user();
    const victim = await world.user();
    const response = await world.call('/sessions', { token: caller.token, body: { session_type: 'reflect_alone', user_id: victim.id } });
    expect(response.status).toBe(400);
    expect(await sessionCount()).toBe(0);
    const ok = await body<{ session: { user_id: string } }>(
      await world.call('/sessions', { token: caller.token, body: { session_type: 'reflect_alone' } }),
    );
    expect(ok.session.user_id).toBe(caller.id);
  });

  it('answers 503 when Supabase Auth cannot be reached, and reserves nothing', async () => {
    const { token } = await world.user();
    world.deps.supabaseFetch = async () => {
      throw new TypeError('fetch failed');
    };
    const response = await world.call('/sessions', { token, body: { session_type: 'reflect_alone' } });
    expect(response.status).toBe(503);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('auth_unavailable');
  });

  it('answers 503 naming the missing Supabase setting', async () => {
    world = createWorld(db, serverEnv({ SUPABASE_ANON_KEY: undefined }));
    const { token } = await world.user();
    const response = await world.call('/sessions', { token, body: { session_type: 'reflect_alone' } });
    expect(response.status).toBe(503);
    expect((await body<{ error: { message: string } }>(response)).error.message).toContain('SUPABASE_ANON_KEY');
  });
});

describe('CORS: the app origin only', () => {
  it('answers the preflight of the app origin with its headers', async () => {
    const response = await world.call('/sessions', {
      method: 'OPTIONS',
      origin: APP_ORIGIN,
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('sends the CORS headers on answers to the app, errors included', async () => {
    const { token } = await world.user();
    const ok = await world.call('/sessions', { token, origin: APP_ORIGIN, body: { session_type: 'reflect_alone' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const refused = await world.call('/sessions', { origin: APP_ORIGIN, body: { session_type: 'reflect_alone' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('refuses another origin, preflight and request, without allowing it', async () => {
    const { token } = await world.user();
    const preflight = await world.call('/sessions', { method: 'OPTIONS', origin: 'https://evil.example' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const request = await world.call('/sessions', { token, origin: 'https://evil.example', body: { session_type: 'reflect_alone' } });
    expect(request.status).toBe(403);
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
    expect(await sessionCount()).toBe(0);
  });

  it('refuses every browser origin when APP_ORIGIN is not set', async () => {
    world = createWorld(db, serverEnv({ APP_ORIGIN: undefined }));
    const preflight = await world.call('/sessions', { method: 'OPTIONS', origin: APP_ORIGIN });
    expect(preflight.status).toBe(403);
    expect((await body<{ error: { message: string } }>(preflight)).error.message).toContain('APP_ORIGIN');
  });

  it('accepts several origins separated by commas', async () => {
    world = createWorld(db, serverEnv({ APP_ORIGIN: `${APP_ORIGIN}, http://localhost:5173` }));
    const preflight = await world.call('/persona', { method: 'OPTIONS', origin: 'http://localhost:5173' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('routing', () => {
  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const { token } = await world.user();
    expect((await world.call('/nothing', { token })).status).toBe(404);
    const wrong = await world.call('/sessions', { token, method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('takes the path after the function name whatever the gateway prefix', async () => {
    const { routeSegments } = await import('../../supabase/functions/tavus/handler.ts');
    expect(routeSegments('https://x.supabase.co/tavus/sessions/abc/end')).toEqual(['sessions', 'abc', 'end']);
    expect(routeSegments('https://x.supabase.co/functions/v1/tavus/v2/personas')).toEqual(['v2', 'personas']);
  });
});
