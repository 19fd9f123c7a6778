import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderStudio, useStudioWorld } from './studio-harness';

describe('conversations', () => {
  const world = useStudioWorld({ database: false });

  it('lists conversations with their status, filters, ends an active one and shows its events', async () => {
    const user = userEvent.setup();
    const { tavus, requests } = world();
    const live = await tavus.conversations.create({ persona_id: 'p7e13c73f41f', conversation_name: 'Morning reflection' });
    renderStudio(world(), '/studio/conversations');
    const table = await screen.findByRole('table', { name: 'Conversations' });
    const row = within(table).getByRole('row', { name: /Morning reflection/ });
    expect(row).toHaveTextContent('active');

    await user.click(within(row).getByRole('button', { name: 'End Morning reflection' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'End conversation' }));
    expect(await screen.findByText('Ended Morning reflection.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/end')).map((r) => r.path)).toEqual([
      `/v2/conversations/${live.conversation_id}/end`,
    ]);
    expect((await tavus.conversations.get(live.conversation_id)).status).toBe('ended');
    expect(await within(table).findByRole('row', { name: /Morning reflection/ })).toHaveTextContent('ended');

    await user.click(screen.getByRole('button', { name: 'Details of Morning reflection' }));
    const details = await screen.findByRole('region', { name: `Details of ${live.conversation_id}` });
    expect(await within(details).findByText('system.shutdown')).toBeInTheDocument();
    expect(details).toHaveTextContent('end_conversation_endpoint_hit');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'active');
    expect(await screen.findByText('No conversations that are active.')).toBeInTheDocument();
  });

  it('deletes after confirmation, and says what to do when Tavus refuses', async () => {
    const user = userEvent.setup();
    const { tavus, simulator } = world();
    const done = await tavus.conversations.create({ persona_id: 'p7e13c73f41f', conversation_name: 'Old call', test_mode: true });
    renderStudio(world(), '/studio/conversations');
    await user.click(await screen.findByRole('button', { name: 'Delete Old call' }));
    simulator.faults.set({ status: 429, retryAfterSeconds: 30, match: 'DELETE' });
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tavus is receiving too many requests.');
    simulator.faults.clear();

    await user.click(await screen.findByRole('button', { name: 'Delete Old call' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted Old call.')).toBeInTheDocument();
    expect((await tavus.conversations.list()).data.map((c) => c.conversation_id)).not.toContain(done.conversation_id);
  });
});
