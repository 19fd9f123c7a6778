import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { savePersona } from '@/features/studio/personas/persona-sync';
import { PERSONA_TEMPLATES } from '@/features/studio/personas/persona-templates';
import { renderStudio, useStudioWorld, type StudioWorld } from './studio-harness';

// The persona editor attaches individual guardrails (guardrail_ids) and guardrail tags
// (guardrail_tags) as the current Tavus docs model them; the older guardrail set stays a select.

async function twoGuardrails(world: StudioWorld) {
  const advice = await world.tavus.guardrails.create({ guardrail_name: 'no_advice', guardrail_prompt: 'Give no medical advice.' });
  const blame = await world.tavus.guardrails.create({ guardrail_name: 'no_blame', guardrail_prompt: 'Never blame the user.' });
  // a legacy set is not an individual guardrail: it stays in the set select
  const set = await world.tavus.guardrails.create({ name: 'Old set', data: [{ guardrail_name: 'old_rule', guardrail_prompt: 'Be old.' }] });
  return { advice: advice.guardrails_id, blame: blame.guardrails_id, set: set.guardrails_id };
}

const guardrailGroup = () => screen.findByRole('group', { name: 'Guardrails' });

describe('persona form: guardrails', () => {
  const world = useStudioWorld();

  it('creates a persona with the picked guardrails and tags, in Tavus and locally', async () => {
    const user = userEvent.setup();
    const { advice, blame, set } = await twoGuardrails(world());
    renderStudio(world(), '/studio/personas/new?template=coach');
    const group = await guardrailGroup();
    await waitFor(() => expect(within(group).getAllByRole('checkbox')).toHaveLength(2));
    expect(within(group).getByRole('checkbox', { name: `no_blame (${blame})` })).not.toBeChecked();
    await user.click(within(group).getByRole('checkbox', { name: `no_advice (${advice})` }));
    const tags = screen.getByRole('textbox', { name: 'Guardrail tags' });
    expect(tags).toHaveAccessibleDescription(/every guardrail that carries one of these tags applies/);
    await user.type(tags, 'care{Enter} calm {Enter}{Enter}');
    // the documented set list carries only ids and dates, so the set is shown by its id
    const sets = screen.getByRole('combobox', { name: 'Guardrail set (older model)' });
    expect(
      within(sets)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None', set]);
    await user.click(screen.getByRole('button', { name: 'Create persona' }));

    expect(await screen.findByText(/Saved “Coach” and created it in Tavus as p/)).toBeInTheDocument();
    const sent = world().requests.find((r) => r.method === 'POST' && r.path === '/v2/personas')!.body;
    expect(sent).toMatchObject({ guardrail_ids: [advice], guardrail_tags: ['care', 'calm'] });
    expect(sent).not.toHaveProperty('guardrails_id');
    const [row] = await world().db.listPersonas();
    expect(row).toMatchObject({ sync_status: 'synced', guardrail_ids: [advice], guardrail_tags: ['care', 'calm'], guardrails_id: null });
    expect(await world().tavus.personas.get(row!.tavus_persona_id!)).toMatchObject({
      guardrail_ids: [advice],
      guardrail_tags: ['care', 'calm'],
    });
  });

  it('edits them as a JSON Patch: one added, the tags removed', async () => {
    const user = userEvent.setup();
    const { advice, blame } = await twoGuardrails(world());
    const body = { ...PERSONA_TEMPLATES[0]!.body, guardrail_ids: [advice], guardrail_tags: ['care'] };
    const created = await savePersona({ db: world().db, tavus: world().tavus }, null, body);
    world().requests.length = 0;
    renderStudio(world(), `/studio/personas/${created.row.id}`);
    await screen.findByRole('heading', { name: 'Edit Coach' });
    const group = await guardrailGroup();
    await waitFor(() => expect(within(group).getByRole('checkbox', { name: `no_advice (${advice})` })).toBeChecked());
    await user.click(within(group).getByRole('checkbox', { name: `no_blame (${blame})` }));
    await user.clear(screen.getByRole('textbox', { name: 'Guardrail tags' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved “Coach”; Tavus was sent 2 changes.')).toBeInTheDocument();
    expect(
      world()
        .requests.filter((r) => r.method === 'PATCH')
        .map((r) => r.body),
    ).toEqual([
      [
        { op: 'replace', path: '/guardrail_ids', value: [advice, blame] },
        { op: 'remove', path: '/guardrail_tags' },
      ],
    ]);
    expect(await world().db.getPersona(created.row.id)).toMatchObject({ guardrail_ids: [advice, blame], guardrail_tags: [] });
  });

  it('refuses a tag longer than 64 characters next to its field, and saves nothing', async () => {
    const user = userEvent.setup();
    renderStudio(world(), '/studio/personas/new?template=coach');
    const tags = await screen.findByRole('textbox', { name: 'Guardrail tags' });
    await user.click(tags);
    await user.paste('x'.repeat(65));
    await user.click(screen.getByRole('button', { name: 'Create persona' }));

    expect(screen.getByRole('alert')).toHaveTextContent('One field needs attention. Nothing was saved.');
    expect(tags).toHaveAttribute('aria-invalid', 'true');
    expect(tags).toHaveAccessibleDescription(/Guardrail tags: at most 32 tags, each of up to 64 characters/);
    expect(await world().db.listPersonas()).toEqual([]);
    expect(world().requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
