import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderStudio, useStudioWorld } from './studio-harness';

describe('objectives', () => {
  const world = useStudioWorld({ database: false });

  it('refuses a name with spaces, then creates a set whose flow is drawn and listed', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/objectives');
    await user.click(await screen.findByRole('button', { name: 'New objectives set' }));
    await user.type(screen.getByRole('textbox', { name: 'Objective name' }), 'name the goal');
    await user.type(screen.getByRole('textbox', { name: 'Objective prompt' }), 'Ask what they want.');
    await user.click(screen.getByRole('button', { name: 'Create objectives set' }));
    expect(screen.getByRole('textbox', { name: 'Objective name' })).toHaveAccessibleDescription(/must have no spaces/);
    expect((await world().tavus.objectives.list()).data).toEqual([]);

    await user.clear(screen.getByRole('textbox', { name: 'Objective name' }));
    await user.type(screen.getByRole('textbox', { name: 'Objective name' }), 'name_goal');
    await user.click(screen.getByRole('button', { name: 'Add objective' }));
    const second = screen.getByRole('group', { name: 'Objective 2' });
    await user.type(within(second).getByRole('textbox', { name: 'Objective name' }), 'first_step');
    await user.type(within(second).getByRole('textbox', { name: 'Objective prompt' }), 'Agree one step.');
    const first = screen.getByRole('group', { name: 'Objective 1: name_goal' });
    await user.click(within(first).getByRole('checkbox', { name: 'first_step' }));
    await user.click(screen.getByRole('button', { name: 'Create objectives set' }));

    expect(await screen.findByText(/Created objectives set o/)).toBeInTheDocument();
    const [set] = (await world().tavus.objectives.list()).data;
    expect(set!.data).toEqual([
      expect.objectContaining({
        objective_name: 'name_goal',
        next_required_objectives: ['first_step'],
        confirmation_mode: 'auto',
        modality: 'verbal',
      }),
      expect.objectContaining({ objective_name: 'first_step' }),
    ]);
    expect(await screen.findByRole('img', { name: /Flow of name_goal, first_step: name_goal to first_step/ })).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Flow of name_goal, first_step, step by step' });
    expect(steps).toHaveTextContent('name_goal→ first_step (required next)first_step (last step)');
  });

  it('edits one prompt with a patch at its path, and deletes after confirmation', async () => {
    const user = userEvent.setup();
    const { tavus, requests } = world();
    const set = await tavus.objectives.create({ data: [{ objective_name: 'recall', objective_prompt: 'Ask recall questions.' }] });
    renderStudio(world(), '/studio/objectives');
    await user.click(await screen.findByRole('button', { name: 'Edit recall' }));
    const prompt = screen.getByRole('textbox', { name: 'Objective prompt' });
    await user.clear(prompt);
    await user.type(prompt, 'Ask two recall questions.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved recall (1 change).')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      [{ op: 'replace', path: '/data/0/objective_prompt', value: 'Ask two recall questions.' }],
    ]);

    await user.click(screen.getByRole('button', { name: 'Delete recall' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted recall.')).toBeInTheDocument();
    await expect(tavus.objectives.get(set.objectives_id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('guardrails', () => {
  const world = useStudioWorld({ database: false });

  it('allows only letters, digits and _ in names, and creates the set', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/guardrails');
    await user.click(await screen.findByRole('button', { name: 'New guardrails set' }));
    await user.type(screen.getByRole('textbox', { name: 'Set name' }), 'Safety');
    await user.type(screen.getByRole('textbox', { name: 'Guardrail name' }), 'no-diagnosis');
    await user.type(screen.getByRole('textbox', { name: 'Guardrail prompt' }), 'Never diagnose.');
    await user.click(screen.getByRole('button', { name: 'Create guardrails set' }));
    expect(screen.getByRole('textbox', { name: 'Guardrail name' })).toHaveAccessibleDescription(/may hold only letters, digits and _/);

    await user.clear(screen.getByRole('textbox', { name: 'Guardrail name' }));
    await user.type(screen.getByRole('textbox', { name: 'Guardrail name' }), 'no_diagnosis');
    await user.click(screen.getByRole('button', { name: 'Create guardrails set' }));
    expect(await screen.findByText(/Created guardrails set g/)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /Safety/ })).toBeInTheDocument();
    // the documented list gives only ids and dates; the rules come from a get
    const [listed] = (await world().tavus.guardrails.list()).data;
    expect(Object.keys(listed!).sort()).toEqual(['created_at', 'guardrails_id', 'updated_at']);
    const set = await world().tavus.guardrails.get(listed!.guardrails_id);
    expect(set).toMatchObject({
      guardrails_name: 'Safety',
      data: [expect.objectContaining({ guardrail_name: 'no_diagnosis', modality: 'verbal' })],
    });
  });

  it('shows a Tavus failure in words and keeps the form', async () => {
    const user = userEvent.setup();
    world().simulator.faults.set({ status: 500, match: 'POST /v2/guardrails' });
    renderStudio(world(), '/studio/guardrails');
    await user.click(await screen.findByRole('button', { name: 'New guardrails set' }));
    await user.type(screen.getByRole('textbox', { name: 'Set name' }), 'Safety');
    await user.type(screen.getByRole('textbox', { name: 'Guardrail name' }), 'calm');
    await user.type(screen.getByRole('textbox', { name: 'Guardrail prompt' }), 'Stay calm.');
    await user.click(screen.getByRole('button', { name: 'Create guardrails set' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tavus had a server error.');
    expect(screen.getByRole('textbox', { name: 'Set name' })).toHaveValue('Safety');
  });
});
