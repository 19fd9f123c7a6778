import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderStudio, useStudioWorld } from './studio-harness';

// The Guardrails page makes individual guardrails, as the current Tavus docs model them, above the
// older sets; the persona editor then attaches them by id or by tag.

describe('individual guardrails', () => {
  const world = useStudioWorld({ database: false });

  it('creates one with its tags, lists it, and keeps it out of the older sets', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/guardrails');
    expect(await screen.findByText('No guardrails yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New guardrail' }));
    const form = screen.getByRole('form', { name: 'Guardrail' });
    await user.type(within(form).getByRole('textbox', { name: 'Guardrail name' }), 'no_advice');
    await user.type(within(form).getByRole('textbox', { name: 'Guardrail prompt' }), 'Give no medical advice.');
    await user.type(within(form).getByRole('textbox', { name: 'Tags' }), 'care{Enter}calm');
    await user.click(within(form).getByRole('button', { name: 'Create guardrail' }));

    expect(await screen.findByText(/Created guardrail no_advice \(g[0-9a-f]+\)\./)).toBeInTheDocument();
    const post = world().requests.find((r) => r.method === 'POST' && r.path === '/v2/guardrails')!;
    expect(post.body).toEqual({
      guardrail_name: 'no_advice',
      guardrail_prompt: 'Give no medical advice.',
      modality: 'verbal',
      tags: ['care', 'calm'],
    });
    const list = await screen.findByRole('list', { name: 'Guardrails' });
    expect(list).toHaveTextContent('no_advice (verbal): Give no medical advice. Tags: care, calm.');
    expect(screen.getByText('No guardrails sets yet.')).toBeInTheDocument();
  });

  it('refuses a name Tavus does not allow next to its field, and sends nothing', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/guardrails');
    await user.click(await screen.findByRole('button', { name: 'New guardrail' }));
    const form = screen.getByRole('form', { name: 'Guardrail' });
    const name = within(form).getByRole('textbox', { name: 'Guardrail name' });
    await user.type(name, 'no advice');
    await user.click(within(form).getByRole('button', { name: 'Create guardrail' }));

    expect(within(form).getByRole('alert')).toHaveTextContent('2 fields need attention. Nothing was saved.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/may hold only letters, digits and _/);
    expect(within(form).getByRole('textbox', { name: 'Guardrail prompt' })).toHaveAttribute('aria-invalid', 'true');
    expect(world().requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('deletes one after asking', async () => {
    const user = userEvent.setup();
    const made = await world().tavus.guardrails.create({ guardrail_name: 'no_blame', guardrail_prompt: 'Never blame.' });
    renderStudio(world(), '/studio/guardrails');
    await user.click(await screen.findByRole('button', { name: 'Delete no_blame' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted guardrail no_blame.')).toBeInTheDocument();
    expect(await screen.findByText('No guardrails yet.')).toBeInTheDocument();
    expect(
      world()
        .requests.filter((r) => r.method === 'DELETE')
        .map((r) => r.path),
    ).toEqual([`/v2/guardrails/${made.guardrails_id}`]);
  });
});
