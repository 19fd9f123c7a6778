import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { callStarted, openMoreOptions, renderApp, sessionWorldForFile, withSimulatedRoom } from './harness';

const { data, world } = sessionWorldForFile();

const topic = () => screen.findByRole('textbox', { name: 'What would you like to reflect on? (optional)' });
const transcript = () => screen.getByRole('log', { name: 'Conversation so far' });

const mockWorld = () => withSimulatedRoom(world());

describe('what the user wants to reflect on', () => {
  it('reaches the replica: the simulated replica greets with it', async () => {
    const w = mockWorld();
    renderApp('/', w.services);
    await userEvent.type(await topic(), 'the move to a new city');
    expect(screen.getByText(/22 of 500 characters/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }));
    await screen.findByRole('heading', { name: 'Your reflection session' });
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome. You would like to reflect on "the move to a new city".'));
  });

  it('too long or with a line break: says why beside the field, and nothing can start', async () => {
    const w = mockWorld();
    renderApp('/', w.services);
    const field = await topic();
    fireEvent.change(field, { target: { value: 'y'.repeat(501) } });
    expect(screen.getByRole('alert')).toHaveTextContent('What you want to reflect on is 501 characters long; keep it to 500.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Start session' })).toBeDisabled();

    fireEvent.change(field, { target: { value: 'one\ntwo' } });
    expect(screen.getByRole('alert')).toHaveTextContent(/control character; write it on one line/);
    expect(screen.getByRole('button', { name: 'Start session' })).toBeDisabled();
    fireEvent.submit(field.closest('form')!);
    expect(await data.db().currentSession()).toBeNull();
    expect(w.tavus.seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(field, { target: { value: 'one line' } });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start session' })).toBeEnabled();
  });
});

describe('the language', () => {
  const language = () => screen.findByRole('combobox', { name: 'Language' });

  it('offers the languages Tavus documents, is remembered, and the session is held in it', async () => {
    const w = mockWorld();
    const first = renderApp('/', w.services);
    // folded under "More options", which names it; the list loads when it is opened
    expect(await screen.findByText(/^More options:/)).toHaveTextContent('More options: English');
    expect(screen.queryByRole('combobox', { name: 'Language' })).not.toBeInTheDocument();
    await openMoreOptions();
    expect(await language()).toHaveValue('english');
    const choices = within(await language()).getAllByRole('option');
    expect(choices).toHaveLength(43); // 42 languages and multilingual
    expect(choices[0]).toHaveTextContent('Multilingual (the language you speak)');
    await userEvent.selectOptions(await language(), 'Portuguese');
    await waitFor(async () => expect((await data.db().settings()).language).toBe('portuguese'));

    // another visit of the page: the choice is kept
    first.unmount();
    renderApp('/', w.services);
    await waitFor(() => expect(screen.getByText(/^More options:/)).toHaveTextContent('More options: Portuguese'));
    await openMoreOptions();
    expect(await language()).toHaveValue('portuguese');
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }));
    await callStarted();
    const create = w.tavus.seen.find((r) => r.method === 'POST' && r.path === '/v2/conversations')!;
    expect((create.body as { properties: { language: string } }).properties.language).toBe('portuguese');
  });
});
