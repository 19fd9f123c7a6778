import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServicesContext, type Services } from '@/lib/services';
import { createTavusClient, OutOfCreditsError } from '@/lib/tavus';
import { createTavusSimulator } from '@/lib/tavus/simulator';
import { SimulatorPanel } from '@/features/dev-panel/simulator-panel';
import { toFault } from '@/features/dev-panel/fault-form';

function world() {
  const simulator = createTavusSimulator();
  const tavus = createTavusClient({ baseUrl: 'https://simulator.tavus.local', apiKey: 'mock', fetch: simulator.fetch, maxRetries: 0 });
  const services = {
    config: {
      tavus: { mode: 'mock', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
      data: { mode: 'local' },
    },
    tavus: async () => tavus,
    db: async () => {
      throw new Error('not used');
    },
    sessions: async () => {
      throw new Error('not used');
    },
    simulator: async () => simulator,
  } as unknown as Services;
  render(
    <ServicesContext.Provider value={services}>
      <SimulatorPanel />
    </ServicesContext.Provider>,
  );
  return { simulator, tavus };
}

describe('simulator controls (mock mode)', () => {
  it('makes the simulated Tavus answer 402 for the next request only, then heals', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    await user.click(screen.getByText('Simulator controls'));
    await user.selectOptions(screen.getByLabelText('Answer with'), '402');
    await user.type(screen.getByLabelText('Only the next N requests (empty: all)'), '1');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText(/Applied: 402: out of conversational credits, for the next 1 request\./)).toBeInTheDocument();

    await expect(tavus.personas.get('p7e13c73f41f')).rejects.toBeInstanceOf(OutOfCreditsError);
    await expect(tavus.personas.get('p7e13c73f41f')).resolves.toMatchObject({ persona_id: 'p7e13c73f41f' });
  });

  it('clears a fault', async () => {
    const user = userEvent.setup();
    const { tavus, simulator } = world();
    await user.click(screen.getByText('Simulator controls'));
    await user.selectOptions(screen.getByLabelText('Answer with'), '401');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(simulator.faults.current).toMatchObject({ status: 401 });
    await user.click(screen.getByRole('button', { name: 'Clear fault' }));
    expect(await screen.findByText('Fault cleared.')).toBeInTheDocument();
    await expect(tavus.personas.get('p7e13c73f41f')).resolves.toMatchObject({ persona_id: 'p7e13c73f41f' });
  });

  it('refuses a bad number and changes nothing', async () => {
    const user = userEvent.setup();
    const { simulator } = world();
    await user.click(screen.getByText('Simulator controls'));
    await user.type(screen.getByLabelText('Extra latency (ms)'), 'soon');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Latency must be a whole number from 0 to 120000.');
    expect(simulator.faults.current).toBeUndefined();
  });

  it('resets the simulated account only after confirmation', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const { persona_id } = await tavus.personas.create({ persona_name: 'Temp', system_prompt: 'x', pipeline_mode: 'full' });
    await user.click(screen.getByText('Simulator controls'));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: 'Reset simulator data' }));
    await expect(tavus.personas.get(persona_id)).resolves.toMatchObject({ persona_name: 'Temp' });
    await user.click(screen.getByRole('button', { name: 'Reset simulator data' }));
    expect(await screen.findByText('Simulator reset to the seeded account.')).toBeInTheDocument();
    await expect(tavus.personas.get(persona_id)).rejects.toMatchObject({ status: 400, serverMessage: 'Invalid persona_id' });
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('asks for something to apply', () => {
    expect(toFault({ status: '', latencyMs: '', times: '', match: '' })).toBe('Choose an answer or a latency to apply.');
    expect(toFault({ status: 'concurrency', latencyMs: '250', times: '', match: ' POST /v2/conversations ' })).toEqual({
      status: 'concurrency',
      latencyMs: 250,
      match: 'POST /v2/conversations',
    });
  });
});
