import { render, screen, waitFor } from '@testing-library/react';
import { ServicesContext, type Services } from '@/lib/services';
import type { AppConfig } from '@/config';
import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator } from '@/lib/tavus/simulator';
import { createClientSessions } from '@/lib/sessions/client';
import { createProxySessions } from '@/lib/sessions/proxy';
import { composeServices } from '@/app/compose';
import { TavusStatus } from '@/features/status/tavus-status';
import { usePersonaStatus } from '@/features/status/persona-status-store';
import { CHECK_TTL_MS } from '@/features/status/persona-check';
import { usePersonaNames } from '@/stores/persona-names-store';

const ids = { personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' };
const mock: AppConfig = { tavus: { mode: 'mock', ...ids }, data: { mode: 'local' } };
const direct = (apiKey: string): AppConfig => ({ tavus: { mode: 'direct', apiKey, ...ids }, data: { mode: 'local' } });
const proxy: AppConfig = {
  tavus: { mode: 'proxy', ...ids },
  data: { mode: 'supabase', url: 'https://project.supabase.co', anonKey: 'anon-key-0123456789' },
};

/** The server's `tavus` function as the proxy gateway reaches it, answering the persona check with `answer`. */
function proxyGateway(answer: () => Response, seen: Array<{ url: string; auth: string | null }> = []) {
  return createProxySessions({
    functionsUrl: 'https://project.supabase.co/functions/v1',
    getAccessToken: async () => 'jwt-abc',
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return answer();
    }) as typeof fetch,
  });
}

function setup(config: AppConfig = mock, options: { simulatorKey?: string; clientKey?: string } = {}) {
  const simulator = createTavusSimulator(options.simulatorKey ? { apiKey: options.simulatorKey } : {});
  let requests = 0;
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    requests += 1;
    return simulator.fetch(input, init);
  }) as typeof globalThis.fetch;
  const client = createTavusClient({
    baseUrl: 'https://tavusapi.com',
    apiKey: options.clientKey ?? 'k-123456',
    fetch,
    sleep: async () => undefined,
    maxRetries: 0,
  });
  const sessions = createClientSessions({ db: () => Promise.reject(new Error('not needed')), tavus: client, config });
  const services: Services = {
    config,
    tavus: async () => client,
    db: () => Promise.reject(new Error('not needed')),
    sessions: async () => sessions,
  };
  return { services, simulator, requests: () => requests };
}

function show(services: Services) {
  return render(
    <ServicesContext.Provider value={services}>
      <TavusStatus />
    </ServicesContext.Provider>,
  );
}

const status = () => screen.getByRole('status', { name: 'Tavus status' });

beforeEach(() => {
  sessionStorage.clear();
  usePersonaStatus.getState().reset();
  usePersonaNames.setState({ names: {} });
});

describe('Tavus status', () => {
  it('paints the mode and ids at once, then shows the verified persona', async () => {
    const { services } = setup();
    show(services);
    expect(status()).toHaveTextContent('Mock');
    expect(status()).toHaveTextContent('p7e13c73f41f');
    expect(status()).toHaveTextContent('replica r4317e64d25a');
    expect(status()).toHaveTextContent('checking persona…');
    await waitFor(() => expect(status()).toHaveTextContent('verified'));
    expect(status()).toHaveTextContent('persona Reflective Listener p7e13c73f41f');
    // and every page that shows this persona now names it so
    expect(usePersonaNames.getState().names).toEqual({ p7e13c73f41f: 'Reflective Listener' });
  });

  it('labels direct mode Live and proxy mode Proxy', async () => {
    const live = setup(direct('k-123456'));
    const { unmount } = show(live.services);
    expect(status()).toHaveTextContent('Live');
    unmount();
    usePersonaStatus.getState().reset();
    const proxied = setup(proxy);
    show(proxied.services);
    expect(status()).toHaveTextContent('Proxy');
  });

  it('does not ask again on a reload within five minutes, and asks again after', async () => {
    const first = setup();
    const { unmount } = show(first.services);
    await waitFor(() => expect(status()).toHaveTextContent('verified'));
    expect(first.requests()).toBe(1);
    unmount();

    usePersonaStatus.getState().reset(); // a reload: fresh page state, same tab storage
    usePersonaNames.setState({ names: {} });
    const second = setup();
    const again = show(second.services);
    await waitFor(() => expect(status()).toHaveTextContent('verified'));
    expect(status()).toHaveTextContent('Reflective Listener');
    expect(second.requests()).toBe(0);
    expect(usePersonaNames.getState().names).toEqual({ p7e13c73f41f: 'Reflective Listener' }); // named from the tab's last check
    again.unmount();

    const entry = JSON.parse(sessionStorage.getItem('awaknow.persona-check')!);
    sessionStorage.setItem('awaknow.persona-check', JSON.stringify({ ...entry, at: entry.at - CHECK_TTL_MS - 1000 }));
    usePersonaStatus.getState().reset();
    const third = setup();
    show(third.services);
    await waitFor(() => expect(status()).toHaveTextContent('verified'));
    expect(third.requests()).toBe(1);
  });

  it('names a bad key, and does not remember the failure', async () => {
    const { services } = setup(direct('k-wrong'), { simulatorKey: 'k-right', clientKey: 'k-wrong' });
    show(services);
    await waitFor(() => expect(status()).toHaveTextContent('not verified: bad API key'));
    expect(status()).toHaveTextContent('check VITE_TAVUS_API_KEY');
    expect(sessionStorage.getItem('awaknow.persona-check')).toBeNull();
  });

  it('names a persona that does not exist', async () => {
    const { services } = setup({ ...mock, tavus: { ...mock.tavus, personaId: 'p0000000000' } });
    show(services);
    await waitFor(() => expect(status()).toHaveTextContent('not verified: persona not found: p0000000000 is not on this Tavus account'));
  });

  it('names a network failure', async () => {
    const { services, simulator } = setup();
    simulator.faults.set({ status: 'network' });
    show(services);
    await waitFor(() => expect(status()).toHaveTextContent('not verified: network: Tavus could not be reached'));
  });

  it("in proxy mode asks the server's persona endpoint with the user's token", async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const gateway = proxyGateway(
      () => Response.json({ persona_id: 'p7e13c73f41f', persona_name: 'Server Persona', replica_id: 'r4317e64d25a', verified: true }),
      seen,
    );
    const { services } = setup(proxy);
    show({ ...services, sessions: async () => gateway });
    await waitFor(() => expect(status()).toHaveTextContent('persona Server Persona p7e13c73f41f'));
    expect(seen).toEqual([{ url: 'https://project.supabase.co/functions/v1/tavus/persona', auth: 'Bearer jwt-abc' }]);
  });

  it('in proxy mode reports the server refusing the key by its code', async () => {
    const gateway = proxyGateway(() =>
      Response.json({ error: { code: 'invalid_api_key', message: 'Invalid access token' } }, { status: 502 }),
    );
    const { services } = setup(proxy);
    show({ ...services, sessions: async () => gateway });
    await waitFor(() =>
      expect(status()).toHaveTextContent(
        'not verified: bad API key: Tavus refused it (Invalid access token); check the TAVUS_API_KEY secret of the tavus function',
      ),
    );
  });

  it("in a composed proxy build, checks the persona through the project's tavus function", async () => {
    const seen: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return Response.json({ persona_id: 'p7e13c73f41f', persona_name: 'Server Persona', replica_id: 'r4317e64d25a' });
    });
    show(composeServices(proxy));
    await waitFor(() => expect(status()).toHaveTextContent('persona Server Persona p7e13c73f41f'));
    expect(status()).toHaveTextContent('verified');
    expect(seen).toEqual(['https://project.supabase.co/functions/v1/tavus/persona']);
  });
});
