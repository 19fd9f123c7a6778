import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { savePersona } from '@/features/studio/personas/persona-sync';
import { PERSONA_TEMPLATES } from '@/features/studio/personas/persona-templates';
import { renderStudio, useStudioWorld, type StudioWorld } from './studio-harness';

const field = (name: string) => screen.getByRole('textbox', { name });

async function linkedCoach(world: StudioWorld) {
  const outcome = await savePersona({ db: world.db, tavus: world.tavus }, null, PERSONA_TEMPLATES[0]!.body);
  expect(outcome.kind).toBe('created');
  world.requests.length = 0;
  return outcome.row;
}

async function openEditor(world: StudioWorld, id: string) {
  renderStudio(world, `/studio/personas/${id}`);
  await screen.findByRole('heading', { name: 'Edit Coach' });
  await waitFor(() => expect(world.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/personas/'))).toBe(true));
}

const patches = (world: StudioWorld) => world.requests.filter((r) => r.method === 'PATCH');

describe('persona form: edit', () => {
  const world = useStudioWorld();

  it('sends only the difference as a JSON Patch and saves it locally', async () => {
    const user = userEvent.setup();
    const row = await linkedCoach(world());
    await openEditor(world(), row.id);
    const model = screen.getByRole('combobox', { name: 'LLM model' });
    expect(model).toHaveValue('tavus-gpt-4o');
    await user.clear(model);
    await user.type(model, 'tavus-gpt-4o-mini');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved “Coach”; Tavus was sent one change.')).toBeInTheDocument();
    expect(patches(world()).map((r) => r.body)).toEqual([[{ op: 'replace', path: '/layers/llm/model', value: 'tavus-gpt-4o-mini' }]]);
    expect((await world().tavus.personas.get(row.tavus_persona_id!)).layers?.llm?.model).toBe('tavus-gpt-4o-mini');
    expect(await world().db.getPersona(row.id)).toMatchObject({ sync_status: 'synced', layers: { llm: { model: 'tavus-gpt-4o-mini' } } });
  });

  it('says "nothing changed" without a request when the form is untouched', async () => {
    const user = userEvent.setup();
    const row = await linkedCoach(world());
    await openEditor(world(), row.id);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Nothing changed: Tavus already has these settings for “Coach”.')).toBeInTheDocument();
    expect(patches(world())).toEqual([]);
  });

  it('reports Tavus\'s 304 as "nothing changed"', async () => {
    const user = userEvent.setup();
    const row = await linkedCoach(world());
    await openEditor(world(), row.id);
    // someone made the same change in Tavus meanwhile: the patch describes what is already there
    await world().tavus.personas.update(row.tavus_persona_id!, [{ op: 'replace', path: '/context', value: 'Mornings only.' }]);
    const context = field('Context');
    await user.clear(context);
    await user.type(context, 'Mornings only.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText(/Nothing changed: Tavus already has these settings/)).toBeInTheDocument();
    expect(patches(world()).at(-1)!.body).toEqual([{ op: 'replace', path: '/context', value: 'Mornings only.' }]);
    expect(await world().db.getPersona(row.id)).toMatchObject({ context: 'Mornings only.', sync_status: 'synced' });
  });

  it("shows Tavus's 422 in words and keeps the edit, marked failed", async () => {
    const user = userEvent.setup();
    const row = await linkedCoach(world());
    await openEditor(world(), row.id);
    // the llm layer was removed in Tavus meanwhile: replacing its model is an invalid patch
    await world().tavus.personas.update(row.tavus_persona_id!, [{ op: 'remove', path: '/layers/llm' }]);
    const model = screen.getByRole('combobox', { name: 'LLM model' });
    await user.clear(model);
    await user.type(model, 'tavus-llama');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Tavus refused the change as invalid.');
    expect(alert).toHaveTextContent('Invalid JSON patch format');
    expect(model).toHaveValue('tavus-llama');
    expect(await world().db.getPersona(row.id)).toMatchObject({ sync_status: 'failed', layers: { llm: { model: 'tavus-llama' } } });
  });

  it('attaches objectives and guardrails picked from the account', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const objectives = await tavus.objectives.create({ data: [{ objective_name: 'name_goal', objective_prompt: 'Ask for the goal.' }] });
    const guardrails = await tavus.guardrails.create({
      name: 'Safety',
      data: [{ guardrail_name: 'no_diagnosis', guardrail_prompt: 'Never diagnose.' }],
    });
    const row = await linkedCoach(world());
    await openEditor(world(), row.id);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Objectives' }), objectives.objectives_id);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Guardrail set (older model)' }), guardrails.guardrails_id);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved “Coach”; Tavus was sent 2 changes.')).toBeInTheDocument();
    expect(patches(world())[0]!.body).toEqual([
      { op: 'add', path: '/objectives_id', value: objectives.objectives_id },
      { op: 'add', path: '/guardrails_id', value: guardrails.guardrails_id },
    ]);
  });
});
