import { checkPersonaThroughProxy, PersonaCheckError } from '@/lib/sessions/proxy-persona';

const check = (answer: () => Promise<Response>, token: string | null = 'jwt') =>
  checkPersonaThroughProxy({
    functionsUrl: 'https://x.supabase.co/functions/v1/',
    getAccessToken: async () => token,
    fetch: answer as unknown as typeof fetch,
  })();

describe('persona check through the proxy', () => {
  it('reads the persona, preferring the replica the server uses', async () => {
    await expect(
      check(async () =>
        Response.json({
          persona_id: 'p1abcde',
          persona_name: 'P',
          default_replica_id: 'r1default',
          replica_id: 'r2chosen',
          verified: true,
        }),
      ),
    ).resolves.toEqual({
      personaId: 'p1abcde',
      personaName: 'P',
      replicaId: 'r2chosen',
    });
  });

  it.each([
    [
      'a refusal with its code',
      async () => Response.json({ error: { code: 'not_found', message: 'Persona not found' } }, { status: 404 }),
      'not_found',
      'Persona not found',
    ],
    ['a 401 without a body', async () => new Response('', { status: 401 }), 'not_authenticated', 'HTTP 401'],
    ['a 500 page', async () => new Response('<html>oops</html>', { status: 500 }), 'server_error', 'HTTP 500'],
    [
      'an answer without a persona',
      async () => Response.json({ ok: true }),
      'unexpected_response',
      'the tavus function answered without a persona',
    ],
    [
      'no network',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      'connection_error',
      'the tavus function could not be reached (Failed to fetch)',
    ],
  ])('turns %s into a coded error', async (_what, answer, code, message) => {
    const failure = await check(answer).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PersonaCheckError);
    expect(failure).toMatchObject({ code, message });
  });

  it('sends no Authorization header when nobody is signed in', async () => {
    let auth: string | null = 'unset';
    await check(async () => Response.json({ persona_id: 'p1abcde' }), null).catch(() => undefined);
    await checkPersonaThroughProxy({
      functionsUrl: 'https://x.supabase.co/functions/v1',
      getAccessToken: async () => null,
      fetch: (async (_url: string, init: RequestInit) => {
        auth = new Headers(init.headers).get('authorization');
        return Response.json({ persona_id: 'p1abcde' });
      }) as unknown as typeof fetch,
    })();
    expect(auth).toBeNull();
  });
});
