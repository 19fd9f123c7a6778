import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DocumentsPage } from '@/features/studio/documents/documents-page';
import { ReplicasPage } from '@/features/studio/replicas/replicas-page';
import { renderPage, renderStudio, useStudioWorld } from './studio-harness';

describe('replicas', () => {
  const world = useStudioWorld({ database: false });

  it('lists stock replicas with thumbnail and status; trains one whose progress updates until done', async () => {
    const user = userEvent.setup();
    renderPage(world(), <ReplicasPage pollMs={40} />);
    const table = await screen.findByRole('table', { name: 'Replicas' });
    expect(within(table).getByLabelText('Thumbnail of Anna')).toHaveAttribute('src', expect.stringContaining('r4317e64d25a'));
    expect(within(table).queryByRole('button', { name: 'Delete Anna' })).not.toBeInTheDocument(); // stock replicas stay

    await user.type(screen.getByRole('textbox', { name: 'Replica name' }), 'Me');
    await user.type(screen.getByRole('textbox', { name: 'Training video URL' }), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    expect(screen.getByRole('textbox', { name: 'Training video URL' })).toHaveAccessibleDescription(
      /Training video URL must be a full http\(s\) URL/,
    );

    await user.clear(screen.getByRole('textbox', { name: 'Training video URL' }));
    await user.type(screen.getByRole('textbox', { name: 'Training video URL' }), 'https://example.com/train.mp4');
    await user.type(screen.getByRole('textbox', { name: 'Consent video URL' }), 'https://example.com/consent.mp4');
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    expect(await screen.findByText(/Training started for r/)).toBeInTheDocument();
    const progress = await screen.findByRole('progressbar', { name: 'Training progress of Me' });
    expect(progress).toHaveAttribute('value', '0');

    world().advance(15_000); // half of the simulator's training time
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Training progress of Me' })).toHaveAttribute('value', '50'));
    world().advance(15_000);
    await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Training progress of Me' })).toHaveAttribute('value', '100'));
    expect(screen.getAllByText('completed')).toHaveLength(4);
  });

  it('renames and deletes a trained replica', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const { replica_id } = await tavus.replicas.create({ replica_name: 'Old name', train_video_url: 'https://example.com/t.mp4' });
    renderPage(world(), <ReplicasPage />);
    await user.click(await screen.findByRole('button', { name: 'Rename Old name' }));
    const input = screen.getByRole('textbox', { name: 'New name for Old name' });
    await user.clear(input);
    await user.type(input, 'New name');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Renamed to New name.')).toBeInTheDocument();
    expect((await tavus.replicas.get(replica_id)).replica_name).toBe('New name');

    await user.click(await screen.findByRole('button', { name: 'Delete New name' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted New name.')).toBeInTheDocument();
    await expect(tavus.replicas.get(replica_id)).rejects.toMatchObject({ status: 400, serverMessage: 'Invalid replica_id' });
  });
});

describe('replicas gone meanwhile', () => {
  const world = useStudioWorld({ database: false });

  it('says a replica deleted elsewhere was already gone (400 Invalid replica_id), and drops it from the list', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const { replica_id } = await tavus.replicas.create({ replica_name: 'Gone soon', train_video_url: 'https://example.com/t.mp4' });
    renderPage(world(), <ReplicasPage />);
    const remove = await screen.findByRole('button', { name: 'Delete Gone soon' });
    await tavus.replicas.delete(replica_id); // deleted in Tavus meanwhile
    await user.click(remove);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Gone soon was already gone in Tavus.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete Gone soon' })).not.toBeInTheDocument());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('documents', () => {
  const world = useStudioWorld();

  it('checks crawl settings, adds by URL and watches the document until it is ready', async () => {
    const user = userEvent.setup();
    renderPage(world(), <DocumentsPage pollMs={40} />);
    await screen.findByText('No documents yet.');
    await user.type(screen.getByRole('textbox', { name: 'Document URL' }), 'https://example.com/guide');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Guide');
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'care, basics');
    await user.type(screen.getByRole('spinbutton', { name: 'Crawl depth' }), '20');
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    expect(screen.getByRole('spinbutton', { name: 'Maximum pages' })).toHaveAccessibleDescription(/is needed too/);
    await user.type(screen.getByRole('spinbutton', { name: 'Maximum pages' }), '5');
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    expect(screen.getByRole('spinbutton', { name: 'Crawl depth' })).toHaveAccessibleDescription(/Crawl depth .*10/);
    await user.clear(screen.getByRole('spinbutton', { name: 'Crawl depth' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Crawl depth' }), '2');
    await user.click(screen.getByRole('button', { name: 'Add document' }));

    expect(await screen.findByText(/Added d.*; it is processed in the background./)).toBeInTheDocument();
    const [doc] = (await world().tavus.documents.list()).data;
    expect(doc).toMatchObject({ document_name: 'Guide', tags: ['care', 'basics'], crawl_config: { depth: 2, max_pages: 5 } });
    expect(await screen.findByText('started')).toBeInTheDocument();
    world().advance(5_000);
    expect(await screen.findByText('ready')).toBeInTheDocument();
  });

  it('recrawls a ready document, and says so when Tavus refuses a second one within the hour', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const doc = await tavus.documents.create({
      document_url: 'https://example.com/site',
      document_name: 'Site',
      crawl: { depth: 1, max_pages: 3 },
    });
    world().advance(5_000);
    renderPage(world(), <DocumentsPage pollMs={40} />);
    await user.click(await screen.findByRole('button', { name: 'Recrawl Site' }));
    expect(await screen.findByText('Recrawl of Site started.')).toBeInTheDocument();
    expect((await tavus.documents.get(doc.document_id)).status).not.toBe('ready');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Recrawl Site' })).not.toBeInTheDocument()); // not while it runs
    world().advance(5_000);
    await user.click(await screen.findByRole('button', { name: 'Recrawl Site' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/too many requests.*Wait \d+ seconds/);
  });

  it('edits name and tags, and deletes after confirmation', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const doc = await tavus.documents.create({ document_url: 'https://example.com/a.pdf', document_name: 'A', tags: ['old'] });
    renderPage(world(), <DocumentsPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit A' }));
    await user.clear(screen.getByRole('textbox', { name: 'Name of A' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of A' }), 'Handbook');
    await user.clear(screen.getByRole('textbox', { name: 'Tags of A' }));
    await user.type(screen.getByRole('textbox', { name: 'Tags of A' }), 'new, team');
    await user.click(screen.getByRole('button', { name: 'Save document' }));
    expect(await screen.findByText('Saved Handbook.')).toBeInTheDocument();
    expect(await tavus.documents.get(doc.document_id)).toMatchObject({ document_name: 'Handbook', tags: ['new', 'team'] });

    await user.click(await screen.findByRole('button', { name: 'Delete Handbook' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted Handbook.')).toBeInTheDocument();
    expect((await tavus.documents.list()).data).toEqual([]);
  });

  it('lets a persona pick ready documents', async () => {
    const user = userEvent.setup();
    const { tavus } = world();
    const doc = await tavus.documents.create({ document_url: 'https://example.com/a.pdf', document_name: 'Handbook' });
    renderStudio(world(), '/studio/personas/new?template=coach');
    await user.click(await screen.findByRole('checkbox', { name: /Handbook/ }));
    await user.click(screen.getByRole('button', { name: 'Create persona' }));
    expect(await screen.findByText(/created it in Tavus/)).toBeInTheDocument();
    const [row] = await world().db.listPersonas();
    expect(row!.document_ids).toEqual([doc.document_id]);
    expect((await tavus.personas.get(row!.tavus_persona_id!)).document_ids).toEqual([doc.document_id]);
  });
});
