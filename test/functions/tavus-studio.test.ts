import { createTavusClient, PermissionDeniedError, AuthenticationError, type TavusClient } from '@/lib/tavus';
import { setupTestDb } from '../db/harness';
import { handleTavus } from '../../supabase/functions/tavus/handler.ts';
import { body, createWorld, FUNCTIONS_URL, serverEnv, TAVUS_KEY, type World } from './support/world';

const db = setupTestDb();
let world: World;
let clock: number;
beforeEach(() => {
  world = createWorld(db);
  clock = Date.parse('2026-03-01T10:00:00Z');
  world.deps.now = () => clock;
});

/** The app's own Tavus client in proxy mode: baseUrl `<functions>/tavus`, the user's JWT as header. */
function studioClient(token: string | null): TavusClient {
  return createTavusClient({
    baseUrl: `${FUNCTIONS_URL}/tavus`,
    headers: (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {}),
    fetch: (input, init) => handleTavus(new Request(input, init), world.deps),
    maxRetries: 0,
  });
}

describe('/tavus/v2/* forwarding for the studio', () => {
  it("lets an admin manage the studio's resources through the app's Tavus client, with the server's key", async () => {
    const admin = await world.user({ role: 'admin' });
    const client = studioClient(admin.token);
    const personas = await client.personas.list();
    expect(personas.data.map((p) => p.persona_id)).toContain('p7e13c73f41f');
    const persona = await client.personas.get('p7e13c73f41f');
    expect(persona.system_prompt).toMatch(/reflective listener/i);

    const created = await client.personas.create({ persona_name: 'Night owl', system_prompt: 'Speak softly.', pipeline_mode: 'full' });
    const patched = await client.personas.update(created.persona_id, [{ op: 'replace', path: '/persona_name', value: 'Night owl 2' }]);
    expect(patched).toBeDefined();
    expect((await client.personas.get(created.persona_id)).persona_name).toBe('Night owl 2');
    await client.personas.delete(created.persona_id);

    const replicas = await client.replicas.list();
    expect(replicas.data.length).toBeGreaterThan(0);
    expect(world.tavusRequests.every((r) => r.apiKey === TAVUS_KEY)).toBe(true);
  });

  it('passes query strings and Tavus errors through unchanged', async () => {
    const admin = await world.user({ role: 'admin' });
    const response = await world.call('/v2/conversations?status=active&limit=5&page=1', { token: admin.token });
    expect(response.status).toBe(200);
    expect(world.tavusRequests.at(-1)!.url).toMatch(/\/v2\/conversations\?status=active&limit=5&page=1$/);
    const missing = await world.call('/v2/personas/pdoesnotexist', { token: admin.token });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses users who are not admins (403), whatever they ask, and never calls Tavus', async () => {
    const user = await world.user();
    const client = studioClient(user.token);
    await expect(client.personas.list()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(client.conversations.list()).rejects.toBeInstanceOf(PermissionDeniedError);
    for (const [method, path] of [
      ['GET', '/v2/personas/p7e13c73f41f'],
      ['DELETE', '/v2/personas/p7e13c73f41f'],
      ['POST', '/v2/conversations'],
    ] as const) {
      const response = await world.call(path, { token: user.token, method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(response.status).toBe(403);
      expect((await body<{ error: { code: string } }>(response)).error.code).toBe('permission_denied');
    }
    expect(world.tavusRequests).toHaveLength(0);
  });

  it('does not take the admin role from the token: only Supabase Auth app_metadata counts', async () => {
    const { id } = await world.user();
    const { userToken } = await import('./support/fake-supabase');
    const response = await world.call('/v2/personas', { token: userToken(id, { appMetadata: { role: 'admin' } }) });
    expect(response.status).toBe(403);
  });

  it('refuses anonymous callers (401) and resources the studio does not use (403)', async () => {
    await expect(studioClient(null).personas.list()).rejects.toBeInstanceOf(AuthenticationError);
    const admin = await world.user({ role: 'admin' });
    for (const path of ['/v2/billing', '/v2/personas/../../v1/secret', '/v2/personas/a/b/c/d', '/v1/personas']) {
      const response = await world.call(path, { token: admin.token });
      expect([400, 403, 404]).toContain(response.status);
    }
    expect(world.tavusRequests).toHaveLength(0);
  });

  it('answers 503 without TAVUS_API_KEY', async () => {
    world = createWorld(db, serverEnv({ TAVUS_API_KEY: undefined }));
    const admin = await world.user({ role: 'admin' });
    const response = await world.call('/v2/personas', { token: admin.token });
    expect(response.status).toBe(503);
    expect((await body<{ error: { message: string } }>(response)).error.message).toContain('TAVUS_API_KEY');
  });
});

describe('GET /tavus/persona', () => {
  it("gives the server persona's public facts, never its prompt, and keeps them for a minute", async () => {
    const response = await world.call('/persona');
    expect(response.status).toBe(200);
    const facts = await body(response);
    expect(facts).toEqual({
      persona_id: 'p7e13c73f41f',
      persona_name: 'Reflective Listener',
      default_replica_id: 'r4317e64d25a',
      replica_id: 'r4317e64d25a',
      verified: true,
    });
    expect(world.tavusRequests).toHaveLength(1);

    clock += 59_000;
    expect((await world.call('/persona')).status).toBe(200);
    expect(world.tavusRequests).toHaveLength(1);
    clock += 2_000;
    expect((await world.call('/persona')).status).toBe(200);
    expect(world.tavusRequests).toHaveLength(2);
  });

  it('does not keep a failure: the next request asks Tavus again', async () => {
    world.tavus.faults.set({ status: 500, times: 2 });
    const failed = await world.call('/persona');
    expect(failed.status).toBe(502);
    expect((await body<{ error: { code: string } }>(failed)).error.code).toBe('server_error');
    expect((await world.call('/persona')).status).toBe(200);
  });

  it("says so when Tavus refuses the server's key", async () => {
    world = createWorld(db, serverEnv({ TAVUS_API_KEY: 'tvs-wrong-key-000000' }));
    const response = await world.call('/persona');
    expect(response.status).toBe(502);
    const failure = await body<{ error: { code: string; message: string } }>(response);
    expect(failure.error.code).toBe('invalid_api_key');
    expect(failure.error.message).toContain('TAVUS_API_KEY');
    expect(failure.error.message).not.toContain('tvs-wrong-key-000000');
  });

  it('names the persona of TAVUS_PERSONA_ID, and 502 when Tavus has no such persona (its documented 400 Invalid persona_id)', async () => {
    world = createWorld(db, serverEnv({ TAVUS_PERSONA_ID: 'pmissing0001' }));
    const response = await world.call('/persona');
    expect(response.status).toBe(502);
    const failure = await body<{ error: { code: string; message: string } }>(response);
    expect(failure.error.code).toBe('invalid_request');
    expect(failure.error.message).toContain('Invalid persona_id');
  });

  it('answers 503 without TAVUS_API_KEY', async () => {
    world = createWorld(db, serverEnv({ TAVUS_API_KEY: undefined }));
    const response = await world.call('/persona');
    expect(response.status).toBe(503);
    expect((await body<{ error: { code: string } }>(response)).error.code).toBe('tavus_not_configured');
  });
});
