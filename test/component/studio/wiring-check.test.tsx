import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderStudio, useStudioWorld } from './studio-harness';

describe('the free wiring check', () => {
  const world = useStudioWorld({ database: false });
  const result = () => screen.findByRole('list', { name: 'Wiring check result' });
  const run = async () => userEvent.click(await screen.findByRole('button', { name: 'Run the free wiring check' }));

  it('checks key, persona and a test-mode conversation, in words, without starting a session', async () => {
    const w = world();
    renderStudio(w, '/studio/conversations');
    await run();
    const lines = within(await result())
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines[0]).toBe('API key: ok. Key accepted: Tavus answered a request made with it.');
    expect(lines[1]).toBe('Persona: ok. Persona found: Reflective Listener (p7e13c73f41f).');
    expect(lines[2]).toMatch(
      /^Test conversation: ok\. Conversation created in test mode \(c\w+\) and ended at once: .*nothing was billed\.$/,
    );
    expect(lines[3]).toMatch(/^Callbacks: not ok\. No callback URL is set \(VITE_TAVUS_CALLBACK_URL\)/);

    const create = w.requests.find((r) => r.method === 'POST' && r.path === '/v2/conversations')!;
    expect(create.body).toMatchObject({ persona_id: 'p7e13c73f41f', replica_id: 'r4317e64d25a', test_mode: true });
    const made = (await w.tavus.conversations.list()).data;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: 'ended' });
    // it shows in the list, ended; the studio's sessions gateway (which throws here) was never asked
    expect(await within(await screen.findByRole('table', { name: 'Conversations' })).findByText('ended')).toBeInTheDocument();
  });

  it('stops at the first step that fails and says what to do', async () => {
    const w = world();
    w.simulator.faults.set({ status: 401, match: 'GET /v2/personas' });
    renderStudio(w, '/studio/conversations');
    await run();
    const lines = within(await result()).getAllByRole('listitem');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveTextContent(/^API key: not ok\. Key refused\./);
    expect(w.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('says when the persona is not there, and creates no conversation', async () => {
    const w = world();
    await w.tavus.personas.delete('p7e13c73f41f');
    renderStudio(w, '/studio/conversations');
    await run();
    const lines = within(await result()).getAllByRole('listitem');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toHaveTextContent(/^Persona: not ok\. Persona p7e13c73f41f not usable\./);
    expect(w.requests.some((r) => r.method === 'POST' && r.path === '/v2/conversations')).toBe(false);
  });
});
