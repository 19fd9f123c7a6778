import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DbError } from '@/lib/db';
import { renderApp, sessionWorldForFile } from '../session/harness';

const { data, world } = sessionWorldForFile();

const panel = async () => {
  const summary = await screen.findByText('Local data controls');
  if (!summary.closest('details')!.open) await userEvent.click(summary);
  return within(summary.closest('details')!);
};

describe('local data controls', () => {
  it('lets a developer past the Free plan: another plan, then a fresh start', async () => {
    await data.reset('free');
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    await w.sessions.end(session.id, 'user_ended');
    renderApp('/', w.services);
    expect(await screen.findByText(/You have had today's session on the Free plan/)).toBeInTheDocument();

    const controls = await panel();
    await waitFor(() => expect(controls.getByLabelText('Plan of the local user')).toHaveValue('free'));
    await userEvent.selectOptions(controls.getByLabelText('Plan of the local user'), 'growth');
    await userEvent.click(controls.getByRole('button', { name: 'Use this plan' }));
    expect(await controls.findByRole('status')).toHaveTextContent('The local user is now on the Growth plan.');
    expect(await data.subscription()).toMatchObject({ tavus_minutes_limit: 300 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start session' })).toBeEnabled());
    await w.db.setLanguage('french');
    const before = await w.db.setMemory(false);

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.click(controls.getByRole('button', { name: 'Reset local data' }));
    await waitFor(() => expect(controls.getByRole('status')).toHaveTextContent('Local data reset: no sessions, no minutes used.'));
    expect(await w.db.listSessions({ page: 1, pageSize: 20 })).toMatchObject({ total: 0 });
    expect(await data.usageRows()).toEqual([]);
    expect(await data.subscription()).toMatchObject({ tavus_seconds_used: 0, tavus_minutes_limit: 300 });
    // the settings start afresh too: the default language, memory on in a store the old sessions are not in
    expect(await w.db.settings()).toEqual({ language: 'english', memoryEnabled: true, memoryGeneration: before.memoryGeneration + 1 });
  });

  it('refuses an unknown plan and changes nothing; a cancelled reset keeps everything', async () => {
    await data.reset('free');
    const w = world();
    await expect(w.db.local!.setPlan('platinum')).rejects.toMatchObject({ code: 'invalid_argument' } satisfies Partial<DbError>);
    expect(await data.subscription()).toMatchObject({ tavus_minutes_limit: 25 });

    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    renderApp('/', w.services);
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    await userEvent.click((await panel()).getByRole('button', { name: 'Reset local data' }));
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'active' });
  });
});
