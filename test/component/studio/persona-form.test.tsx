import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderStudio, useStudioWorld } from './studio-harness';

const field = (name: string) => screen.getByRole('textbox', { name });
const layer = (name: string) => screen.getByText(name, { selector: 'summary' });

describe('persona form: create', () => {
  const world = useStudioWorld();

  it('refuses an empty form with an error linked to each field, and saves nothing', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/personas/new');
    await user.click(await screen.findByRole('button', { name: 'Create persona' }));

    expect(screen.getByRole('alert')).toHaveTextContent('2 fields need attention. Nothing was saved.');
    const name = field('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Name is required.');
    expect(field('System prompt')).toHaveAccessibleDescription(/System prompt is required when pipeline_mode is full/);
    expect(await world().db.listPersonas()).toEqual([]);
    expect(world().requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows JSON and schema mistakes in the layers next to their field', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/personas/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Tool user');
    await user.click(field('System prompt'));
    await user.paste('Use tools.');
    await user.click(layer('LLM'));
    await user.click(field('LLM tools (JSON)'));
    await user.paste('[{"type": "function"');
    await user.click(layer('Perception'));
    await user.click(field('Perception tools (JSON)'));
    await user.paste('[{"name": "notify"}]');
    await user.click(screen.getByRole('button', { name: 'Create persona' }));

    expect(field('LLM tools (JSON)')).toHaveAccessibleDescription(/LLM tools \(JSON\) is not valid JSON/);
    expect(field('Perception tools (JSON)')).toHaveAccessibleDescription(/must be \{ type: "function", function/);
    expect(await world().db.listPersonas()).toEqual([]);
  });

  it('creates the persona with its layers locally and in Tavus, linked', async () => {
    const user = userEvent.setup();
    const { tavus, db } = world();
    renderStudio(world(), '/studio/personas/new?template=coach');
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Coach');
    await user.clear(name);
    await user.type(name, 'Evening coach');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Default replica' }), 'r6ae5b6efc9d');
    await user.click(layer('STT (listening)'));
    await user.type(field('Hotwords'), 'Awak');
    await user.click(screen.getByRole('button', { name: 'Create persona' }));

    expect(await screen.findByText(/Saved “Evening coach” and created it in Tavus as p/)).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent('/studio/personas');
    const [row] = await db.listPersonas();
    expect(row).toMatchObject({ persona_name: 'Evening coach', sync_status: 'synced', default_replica_id: 'r6ae5b6efc9d' });
    expect(row!.layers).toMatchObject({ llm: { model: 'tavus-gpt-4o', speculative_inference: true }, stt: { hotwords: 'Awak' } });
    const remote = await tavus.personas.get(row!.tavus_persona_id!);
    expect(remote).toMatchObject({
      persona_name: 'Evening coach',
      default_replica_id: 'r6ae5b6efc9d',
      layers: { stt: { hotwords: 'Awak' } },
    });
    const table = await screen.findByRole('table', { name: 'Personas' });
    expect(within(table).getByRole('link', { name: 'Edit Evening coach' })).toBeInTheDocument();
    expect(within(table).getByText('Linked')).toBeInTheDocument();
  });

  it.each([
    [401, 'Tavus did not accept the API key.'],
    [402, 'The Tavus account is out of conversational credits.'],
  ] as const)('keeps the persona when Tavus answers %i, says why, and a retry links it', async (status, words) => {
    const user = userEvent.setup();
    const { simulator, db } = world();
    simulator.faults.set({ status, match: 'POST /v2/personas', times: 1 });
    renderStudio(world(), '/studio/personas/new?template=tutor');
    await user.click(await screen.findByRole('button', { name: 'Create persona' }));

    expect(await screen.findByText(new RegExp(`Saved “Tutor” here, but Tavus did not take it: ${words}`))).toBeInTheDocument();
    const [failed] = await db.listPersonas();
    expect(failed).toMatchObject({ sync_status: 'failed', tavus_persona_id: null, sync_error: expect.stringContaining(words) });
    expect(await screen.findByText('Tavus failed')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry syncing Tutor to Tavus' }));
    expect(await screen.findByText(/Saved “Tutor” and created it in Tavus as p/)).toBeInTheDocument();
    const [linked] = await db.listPersonas();
    expect(linked).toMatchObject({ id: failed!.id, sync_status: 'synced', sync_error: null });
    await waitFor(() => expect(screen.queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument());
    expect(screen.getByText('Linked')).toBeInTheDocument();
  });
});
