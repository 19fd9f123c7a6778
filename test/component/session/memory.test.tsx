import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, sessionWorldForFile, withSimulatedRoom } from './harness';

/** The replica's memory: one store per user and persona, shown on the start page, switched there. */

const { data, world } = sessionWorldForFile();
const transcript = () => screen.getByRole('log', { name: 'Conversation so far' });
/** The replica's first line in the transcript. */
const firstLine = (log: HTMLElement) => log.querySelector('li')?.textContent ?? '';

async function sessionSaying(answer: string) {
  await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
  await screen.findByRole('heading', { name: 'Your reflection session' });
  await waitFor(() => expect(transcript()).toHaveTextContent('Replica: '));
  const send = screen.getByRole('button', { name: 'Send' });
  fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: answer } });
  await waitFor(() => expect(send).toBeEnabled());
  await userEvent.click(send);
  await waitFor(() => expect(transcript()).toHaveTextContent(`You: ${answer}`));
  // the replica has heard the answer once it replies (the line above is this tab's own echo)
  await waitFor(() => expect(transcript().textContent!.split('Replica: ').length).toBeGreaterThan(2), { timeout: 10_000 });
  const greeting = firstLine(transcript());
  await userEvent.click(screen.getByRole('button', { name: 'End session' }));
  await screen.findByRole('heading', { name: 'Session summary' });
  return greeting;
}

describe('memory', () => {
  it('is on: the next session greets with what was said in the last one', async () => {
    const w = withSimulatedRoom(world());
    const view = renderApp('/', w.services);
    expect(await screen.findByText('Memory is on.')).toBeInTheDocument();
    const first = await sessionSaying('My sister moved to Lisbon');
    expect(first).not.toContain('Last time');
    view.unmount();

    renderApp('/', w.services);
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    await screen.findByRole('heading', { name: 'Your reflection session' });
    await waitFor(() =>
      expect(transcript()).toHaveTextContent('Replica: Welcome back. Last time you told me: "My sister moved to Lisbon".'),
    );
  });

  it('turned off and on again: a new store, so the replica remembers nothing of before', async () => {
    const w = withSimulatedRoom(world());
    const view = renderApp('/', w.services);
    await sessionSaying('The exam went badly');
    view.unmount();

    renderApp('/', w.services);
    await userEvent.click(await screen.findByRole('button', { name: 'Turn memory off' }));
    expect(await screen.findByText('Memory is off.')).toBeInTheDocument();
    expect(await data.db().settings()).toMatchObject({ memoryEnabled: false, memoryGeneration: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Turn memory on' }));
    expect(await screen.findByText('Memory is on.')).toBeInTheDocument();
    expect(await data.db().settings()).toMatchObject({ memoryEnabled: true, memoryGeneration: 2 });

    await userEvent.click(screen.getByRole('button', { name: 'Start session' }));
    await screen.findByRole('heading', { name: 'Your reflection session' });
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome.'));
    expect(transcript()).not.toHaveTextContent('Last time');
  });
});
