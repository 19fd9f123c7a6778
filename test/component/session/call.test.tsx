import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { REFLECTIVE_LINES, scriptPace } from '@/features/session/call/scripted-replica';
import { callStarted, renderApp, sessionWorldForFile } from './harness';

// The live call's engine comes from Daily's servers at run time; here, as on a machine without
// internet, it cannot load.
const engine = vi.hoisted(() => ({ loads: 0, destroyed: 0 }));
vi.mock('@daily-co/daily-js', async (importOriginal) => {
  const original = await importOriginal<typeof import('@daily-co/daily-js')>();
  const createCallObject = () => ({
    load: () => {
      engine.loads += 1;
      return Promise.reject(
        new Error(
          'Failed to load call object bundle https://c.daily.co/call-machine/versioned/0.87.0/static/call-machine-object-bundle.js',
        ),
      );
    },
    destroy: () => {
      engine.destroyed += 1;
      return Promise.resolve();
    },
    on: () => undefined,
    off: () => undefined,
  });
  return { ...original, default: { ...original.default, createCallObject } };
});

const { data, world } = sessionWorldForFile();

const transcript = () => screen.getByRole('log', { name: 'Conversation so far' });

async function startFromHome(w: ReturnType<typeof world>) {
  const app = renderApp('/', w.services);
  await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
  await callStarted();
  return app;
}

describe('mock call', () => {
  it('runs the scripted conversation: streamed lines, answers, speaking, then the summary', async () => {
    const w = world();
    await startFromHome(w);
    expect(screen.getByText('simulated call (mock mode)')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^The replica, (speaking|listening)$/ })).toBeInTheDocument();
    expect(screen.getByText(/No camera was found/)).toBeInTheDocument(); // jsdom has none
    expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^(30:00|29:5\d)$/);

    await waitFor(() => expect(transcript()).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[0]}`));
    await waitFor(() => expect(screen.getByText(/^Replica (speaking|listening)$/)).toHaveTextContent('Replica listening'));

    await userEvent.type(screen.getByLabelText('Your answer'), 'I keep putting off a hard conversation.');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByLabelText('Your answer')).toHaveValue('');
    await waitFor(() => expect(transcript()).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[1]}`));
    const lines = within(transcript())
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      `Replica: ${REFLECTIVE_LINES[0]}`,
      'You: I keep putting off a hard conversation.',
      `Replica: ${REFLECTIVE_LINES[1]}`,
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(screen.getByText(/This session has ended: you ended it/)).toBeInTheDocument();
    const summary = within(screen.getByRole('list', { name: 'Transcript of the session' }));
    expect(summary.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByText('Minutes charged').nextElementSibling?.textContent).toMatch(/^0(\.\d)? \(\d+ s\)$/);
    await waitFor(() => expect(screen.getByText('Minutes left').nextElementSibling?.textContent).toMatch(/^299\.\d|^300/));

    const session = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;
    expect(session).toMatchObject({ status: 'ended', end_reason: 'user_ended' });
    expect(await w.tavus.activeConversations()).toEqual([]);
  });

  it('takes a typed answer once the replica is in the call, and stops the replica mid-sentence on request', async () => {
    // the replica joins 2 s after the call starts: long enough to look at the box before, on a busy machine too
    Object.assign(scriptPace, { greetingDelayMs: 2_000, wordMs: 120, thinkMs: 20 });
    const w = world();
    await startFromHome(w);
    const send = screen.getByRole('button', { name: 'Send' });
    expect(await screen.findByText('You can type an answer once the replica is in the call.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'Work has been a lot' } });
    expect(send).toBeDisabled();
    await waitFor(() => expect(send).toBeEnabled());
    expect(screen.queryByText(/You can type an answer once/)).not.toBeInTheDocument();

    await userEvent.click(send);
    await waitFor(() => expect(transcript()).toHaveTextContent('You: Work has been a lot'));
    const stop = screen.getByRole('button', { name: 'Stop talking' });
    await waitFor(() => expect(stop).toBeEnabled());
    await userEvent.click(stop);
    await waitFor(() => expect(stop).toBeDisabled());
    const lines = within(transcript()).getAllByRole('listitem');
    expect(lines).toHaveLength(3);
    const cut = lines[2]!.textContent!;
    expect(cut).toMatch(/^Replica: Thank\b.*\(interrupted\) Not said: /);
    // what was said and what was not make up the planned reply, and nothing more comes
    expect(cut.replace(' (interrupted) Not said: ', ' ')).toBe(`Replica: ${REFLECTIVE_LINES[1]}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(within(transcript()).getAllByRole('listitem')[2]!.textContent).toBe(cut);
  });

  it('warns a minute before the end', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    await data
      .owner()
      .query(`update public.sessions set started_at = now() - make_interval(secs => max_call_duration - 45) where id = $1`, [session.id]);
    renderApp(`/session/${session.id}`, w.services);
    const warning = await screen.findByText('Less than a minute left: the session ends automatically at 0:00.');
    expect(warning).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^0:(4[0-5]|3\d)$/);
  });

  it('ends by itself at the limit', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    await data
      .owner()
      .query(`update public.sessions set started_at = now() - make_interval(secs => max_call_duration - 2) where id = $1`, [session.id]);
    renderApp(`/session/${session.id}`, w.services);
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Session summary' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('The session reached its time limit.')).toBeInTheDocument();
    const ended = await w.db.getSession(session.id);
    expect(ended).toMatchObject({ status: 'ended', end_reason: 'limit_reached' });
    expect(ended!.seconds_used).toBe(ended!.max_call_duration); // charged up to the cap, never past it
    expect(await w.tavus.activeConversations()).toEqual([]);
  });

  it('on tab close or reload: asks first, leaves the call running with a note, and a reload is back in the same call', async () => {
    const w = world();
    const { unmount } = await startFromHome(w);
    const session = (await w.db.currentSession())!;

    const asked = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(asked);
    expect(asked.defaultPrevented).toBe(true);
    act(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    });
    expect(localStorage.getItem(`awaknow.left.${session.id}`)).toContain('tab_closed');
    unmount(); // the page is gone
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'active' });
    expect(w.tavus.seen.filter((r) => r.path.endsWith('/end'))).toEqual([]);
    expect(await w.tavus.activeConversations()).toHaveLength(1);

    renderApp(`/session/${session.id}`, w.services); // the reload
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    await waitFor(() => expect(localStorage.getItem(`awaknow.left.${session.id}`)).toBeNull());
    expect((await w.db.currentSession())?.id).toBe(session.id);
  });

  it('asks before leaving the call inside the app, and ends the session when the user leaves', async () => {
    const w = world();
    const { router } = await startFromHome(w);
    const session = (await w.db.currentSession())!;
    const nav = screen.getByRole('navigation', { name: 'Main' });

    await userEvent.click(within(nav).getByRole('link', { name: 'History' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave the session?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay in the session' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/session/${session.id}`);
    expect((await w.db.getSession(session.id))?.status).toBe('active');

    await userEvent.click(within(nav).getByRole('link', { name: 'History' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End session and leave' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/history'));
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'ended', end_reason: 'left_page' });
    expect(await w.tavus.activeConversations()).toEqual([]);
  });

  it('opens the call once a start made elsewhere attaches its conversation', async () => {
    const w = world();
    const reserved = await w.db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' });
    renderApp(`/session/${reserved.id}`, w.services);
    expect(await screen.findByText(/This session is still being started/)).toBeInTheDocument();
    await w.db.attachConversation(reserved.id, 'c0123456789abc', 'https://tavus.daily.co/c0123456789abc'); // the other tab
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    expect(screen.queryByText(/This session is still being started/)).not.toBeInTheDocument();
  });

  it('turns into the summary when the session is ended elsewhere', async () => {
    const w = world();
    await startFromHome(w);
    const session = (await w.db.currentSession())!;
    await w.sessions.end(session.id, 'user_ended'); // another tab
    expect(await screen.findByText('This session was ended elsewhere (another tab, another device, or Tavus).')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
  });
});

describe('live call', () => {
  it('when the call engine cannot load: says so and ends the session and the conversation at once', async () => {
    const w = world({}, 'daily');
    await startFromHome(w);
    const session = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;

    const alert = await screen.findByText(/The video call could not start: its call engine/);
    expect(alert.closest('[role="alert"]')).toHaveTextContent('Failed to load call object bundle');
    expect(screen.getByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(screen.getByText(/This session has ended: the video call could not be loaded/)).toBeInTheDocument();
    expect(engine.loads).toBeGreaterThan(0);

    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'ended', end_reason: 'call_engine_unavailable' });
    expect(await w.tavus.activeConversations()).toEqual([]);
    expect(w.tavus.seen.filter((r) => r.path.endsWith('/end')).map((r) => r.path)).toEqual([
      `/v2/conversations/${session.tavus_conversation_id}/end`,
    ]);
  });
});
