import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { savePersona } from '@/features/studio/personas/persona-sync';
import { JOURNEY_CHOICE_STORAGE_KEY, useJourneyChoice } from '@/stores/journey-choice-store';
import { usePersonaNames } from '@/stores/persona-names-store';
import { renderStudio, useStudioWorld, type StudioWorld } from './studio-harness';

const personaBody = (name: string) => ({ persona_name: name, system_prompt: `You are ${name}.`, default_replica_id: 'r4317e64d25a' });

async function create(world: StudioWorld, name: string) {
  return (await savePersona({ db: world.db, tavus: world.tavus }, null, personaBody(name))).row;
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Personas' }))
    .getAllByRole('row')
    .slice(1);

describe('personas list', () => {
  const world = useStudioWorld();
  beforeEach(() => usePersonaNames.setState({ names: {} }));

  it("lists the settings' persona on a first visit, named as the start-up check found it, and imports it", async () => {
    const user = userEvent.setup();
    usePersonaNames.getState().learn('p7e13c73f41f', 'Reflective Listener'); // what the header's check found
    renderStudio(world());
    await screen.findByRole('table', { name: 'Personas' });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('Reflective Listener From settings');
    expect(rows()[0]).toHaveTextContent('p7e13c73f41f');
    expect(rows()[0]).toHaveTextContent('Not imported');
    expect(await world().db.listPersonas()).toEqual([]); // shown, not yet recorded

    await user.click(screen.getByRole('button', { name: 'Import Reflective Listener, the persona from the settings' }));
    expect(
      await screen.findByText('Imported “Reflective Listener” from the settings: it is listed and linked to Tavus now.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(rows()[0]).toHaveTextContent('Linked'));
    expect(rows()).toHaveLength(1);
    expect(screen.queryByText('From settings')).not.toBeInTheDocument();
    expect(await world().db.listPersonas()).toEqual([
      expect.objectContaining({ tavus_persona_id: 'p7e13c73f41f', persona_name: 'Reflective Listener', sync_status: 'synced' }),
    ]);
  });

  it("names a settings' persona no check has named by its id, in words", async () => {
    renderStudio(world());
    await screen.findByRole('table', { name: 'Personas' });
    expect(rows()[0]).toHaveTextContent('Unknown persona (p7e13c73f41f) From settings');
  });

  it('lists name, Tavus id, default replica and sync state, and searches them', async () => {
    const user = userEvent.setup();
    const calm = await create(world(), 'Calm guide');
    await create(world(), 'Sharp interviewer');
    renderStudio(world());
    await screen.findByRole('table', { name: 'Personas' });
    expect(rows()).toHaveLength(3); // with the settings' persona, first, until it is imported
    expect(rows()[0]).toHaveTextContent('From settings');
    const calmRow = rows().find((r) => r.textContent?.includes('Calm guide'))!;
    expect(calmRow).toHaveTextContent(calm.tavus_persona_id!);
    expect(calmRow).toHaveTextContent('r4317e64d25a');
    expect(calmRow).toHaveTextContent('Linked');

    await user.type(screen.getByRole('searchbox', { name: 'Search personas' }), 'calm');
    expect(rows()).toHaveLength(1);
    await user.clear(screen.getByRole('searchbox', { name: 'Search personas' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search personas' }), calm.tavus_persona_id!);
    expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Calm guide')]);
    await user.clear(screen.getByRole('searchbox', { name: 'Search personas' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search personas' }), 'nobody');
    expect(screen.getByText('No persona matches the search.')).toBeInTheDocument();
  });

  it('imports the Tavus personas not linked yet; importing again adds nothing', async () => {
    const user = userEvent.setup();
    const { tavus, db } = world();
    await create(world(), 'Already here');
    const outside = await tavus.personas.create({
      persona_name: 'Made in Tavus',
      pipeline_mode: 'echo',
      layers: { tts: { tts_engine: 'elevenlabs' } },
    });
    renderStudio(world());
    await screen.findByRole('table', { name: 'Personas' });

    await user.click(screen.getByRole('button', { name: 'Import from Tavus' }));
    expect(await screen.findByText('Imported 2 personas from Tavus. 1 already linked.')).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(3));
    const imported = (await db.listPersonas()).find((p) => p.tavus_persona_id === outside.persona_id);
    expect(imported).toMatchObject({
      persona_name: 'Made in Tavus',
      pipeline_mode: 'echo',
      sync_status: 'synced',
      layers: { tts: { tts_engine: 'elevenlabs' } },
    });
    expect((await db.listPersonas()).map((p) => p.tavus_persona_id)).toContain('p7e13c73f41f');

    await user.click(screen.getByRole('button', { name: 'Import from Tavus' }));
    expect(await screen.findByText('Nothing new to import. 3 already linked.')).toBeInTheDocument();
    expect(await db.listPersonas()).toHaveLength(3);
  });

  it('imports the others when the database refuses one persona, and names it', async () => {
    const user = userEvent.setup();
    const { tavus, db } = world();
    const odd = await tavus.personas.create({ persona_name: 'Odd', system_prompt: 'x', pipeline_mode: 'Some Future Mode' });
    renderStudio(world());
    await user.click(await screen.findByRole('button', { name: 'Import from Tavus' }));
    const notice = await screen.findByText(/Imported 1 persona from Tavus. Not imported: /);
    expect(notice).toHaveTextContent(`${odd.persona_id} (The request was not valid.`);
    expect(notice).toHaveTextContent('pipeline_mode must be a word such as full or echo');
    expect((await db.listPersonas()).map((p) => p.tavus_persona_id)).toEqual(['p7e13c73f41f']);
  });

  it('deletes only after confirmation, here and in Tavus', async () => {
    const user = userEvent.setup();
    const { tavus, db } = world();
    const doomed = await create(world(), 'Doomed');
    renderStudio(world());
    await screen.findByRole('table', { name: 'Personas' });

    await user.click(screen.getByRole('button', { name: 'Delete Doomed' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(`Delete “Doomed” here and in Tavus (${doomed.tavus_persona_id})? Past sessions keep their history.`);
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await db.listPersonas()).toHaveLength(1);
    await expect(tavus.personas.get(doomed.tavus_persona_id!)).resolves.toMatchObject({ persona_name: 'Doomed' });

    await user.click(screen.getByRole('button', { name: 'Delete Doomed' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted “Doomed” here and in Tavus.')).toBeInTheDocument();
    expect(await db.listPersonas()).toEqual([]);
    await expect(tavus.personas.get(doomed.tavus_persona_id!)).rejects.toMatchObject({ status: 400, serverMessage: 'Invalid persona_id' });
  });

  it('deletes the local persona when Tavus answers that it is already gone (400 Invalid persona_id)', async () => {
    const user = userEvent.setup();
    const { tavus, db } = world();
    const gone = await create(world(), 'Gone');
    await tavus.personas.delete(gone.tavus_persona_id!); // deleted elsewhere, at Tavus
    renderStudio(world());
    await user.click(await screen.findByRole('button', { name: 'Delete Gone' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted “Gone” here and in Tavus.')).toBeInTheDocument();
    expect(await db.listPersonas()).toEqual([]);
  });

  it('keeps the local persona when Tavus refuses the delete, and says why', async () => {
    const user = userEvent.setup();
    const { simulator, db } = world();
    await create(world(), 'Sticky');
    simulator.faults.set({ status: 401, match: 'DELETE' });
    renderStudio(world());
    await user.click(await screen.findByRole('button', { name: 'Delete Sticky' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tavus did not accept the API key. Mock mode needs no key');
    expect(await db.listPersonas()).toHaveLength(1);
  });

  it('chooses the persona and replica of the reflection journey, remembered across reloads', async () => {
    const user = userEvent.setup();
    const linked = await create(world(), 'Journey guide');
    renderStudio(world());
    const persona = await screen.findByRole('combobox', { name: 'Persona for the reflection journey' });
    expect(persona).toHaveValue('');
    expect(within(persona).getByRole('option', { name: 'From settings (p7e13c73f41f)' })).toBeInTheDocument();
    await within(persona).findByRole('option', { name: `Journey guide (${linked.tavus_persona_id})` });
    await user.selectOptions(persona, linked.tavus_persona_id!);
    const replica = screen.getByRole('combobox', { name: 'Replica for the reflection journey' });
    await within(replica).findByRole('option', { name: 'Charlie (r6ae5b6efc9d)' });
    await user.selectOptions(replica, 'r6ae5b6efc9d');
    await user.click(screen.getByRole('button', { name: 'Use for the journey' }));

    expect(useJourneyChoice.getState()).toMatchObject({ personaId: linked.tavus_persona_id, replicaId: 'r6ae5b6efc9d' });
    expect(JSON.parse(localStorage.getItem(JOURNEY_CHOICE_STORAGE_KEY)!).state).toEqual({
      personaId: linked.tavus_persona_id,
      replicaId: 'r6ae5b6efc9d',
    });

    await user.click(screen.getByRole('button', { name: 'Back to the settings' }));
    expect(useJourneyChoice.getState()).toMatchObject({ personaId: undefined, replicaId: undefined });
    expect(screen.getByText('The reflection journey uses the settings again.')).toBeInTheDocument();
  });
});
