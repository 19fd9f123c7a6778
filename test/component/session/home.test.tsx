import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { noteLeft } from '@/features/session/ownership';
import { readHomeState } from '@/features/session/home/use-home-state';
import { readSessionView } from '@/features/session/use-session-view';
import { RETURN_WINDOW_MS } from '@/features/session/resolve';
import type { AppConfig } from '@/config';
import { callStarted, config, renderApp, sessionWorldForFile } from './harness';

const { data, world } = sessionWorldForFile();

const mockTavus = {
  mode: 'mock',
  personaId: config.tavus.personaId,
  replicaId: config.tavus.replicaId,
  baseUrl: config.tavus.baseUrl,
} as const;

const startButton = () => screen.findByRole('button', { name: 'Start session' });

describe('home', () => {
  it('shows that it is loading until the plan is known', async () => {
    const w = world({ db: () => new Promise(() => undefined) });
    renderApp('/', w.services);
    expect(await screen.findByText('Loading your plan…')).toBeInTheDocument();
    expect(screen.getByText('Opening the database in this browser')).not.toHaveClass('preparing__step--done'); // it never opens here
    expect(screen.getByRole('progressbar', { name: 'Preparing the start page' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Reflect' }).closest('section')).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByRole('button', { name: 'Start session' })).not.toBeInTheDocument();
  });

  it('says whose database it waits for when the dev server holds it (VITE_LOCAL_DATA=dev-server)', async () => {
    const w = world({ db: () => new Promise(() => undefined) });
    const onDevServer: AppConfig = { tavus: { ...mockTavus }, data: { mode: 'local', store: 'dev-server' } };
    renderApp('/', { ...w.services, config: onDevServer });
    expect(await screen.findByText("Reaching the dev server's database")).not.toHaveClass('preparing__step--done');
    expect(screen.queryByText('Opening the database in this browser')).not.toBeInTheDocument();
  });

  it('is ready: minutes left, the session types, and an enabled start', async () => {
    renderApp('/', world().services);
    expect(await startButton()).toBeEnabled();
    expect(screen.getByText('Minutes left').parentElement).toHaveTextContent('Minutes left300 of 300 (Growth plan');
    expect(screen.getByRole('radio', { name: /Reflect alone/ })).toBeChecked();
    const together = screen.getByRole('radio', { name: /Resolve together/ });
    expect(together).toBeDisabled();
    expect(together).toHaveAccessibleDescription(/needs a plan with sessions together \(Pro\)/);
    // the persona check's part of the status loads after paint and takes the place of the first one
    const status = () => screen.getByRole('status', { name: 'Tavus status' });
    await waitFor(() => expect(status()).toHaveTextContent('verified'));
    expect(status()).toHaveTextContent('Reflective Listener');
  });

  it('offers sessions together on a plan that has them', async () => {
    await data.reset('pro');
    renderApp('/', world().services);
    await startButton();
    expect(screen.getByRole('radio', { name: /Resolve together/ })).toBeEnabled();
    expect(screen.queryByText(/needs a plan with sessions together/)).not.toBeInTheDocument();
  });

  it('says when the minutes are used up and points at the usage page', async () => {
    await data.setSecondsUsed(300 * 60 - 10);
    renderApp('/', world().services);
    expect(await startButton()).toBeDisabled();
    expect(screen.getByText(/You have used all your minutes for this period/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See your usage' })).toHaveAttribute('href', '/usage');
  });

  it("says when today's sessions on the plan are used", async () => {
    await data.reset('free');
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    await w.sessions.end(session.id);
    renderApp('/', w.services);
    expect(await startButton()).toBeDisabled();
    expect(screen.getByText(/You have had today's session on the Free plan/)).toBeInTheDocument();
  });

  it('says a session is already running and offers the way back to it', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    renderApp('/', w.services);
    expect(await startButton()).toBeDisabled();
    // the notice's code loads when there is an open session to tell of
    expect(await screen.findByText(/A session is already running/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Return to the running session' })).toHaveAttribute('href', `/session/${session.id}`);
  });

  it('offers the way back to a call whose tab reloaded or closed a moment ago', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    noteLeft(session.id, 'tab_closed');
    renderApp('/', w.services);
    expect(await screen.findByRole('link', { name: 'Return to the running session' })).toHaveAttribute('href', `/session/${session.id}`);
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'active' });
  });

  it('ends a session whose tab closed mid-call and did not come back, and says so', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    localStorage.setItem(`awaknow.left.${session.id}`, JSON.stringify({ reason: 'tab_closed', at: Date.now() - RETURN_WINDOW_MS - 1000 }));
    renderApp('/', w.services);
    expect(await screen.findByText(/Your last session ended when its tab was closed or reloaded/)).toBeInTheDocument();
    expect(await startButton()).toBeEnabled();
    const ended = await w.db.getSession(session.id);
    expect(ended).toMatchObject({ status: 'ended', end_reason: 'tab_closed' });
    expect(await w.tavus.activeConversations()).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('reads an orphan without ending it: the start page and the session page only report it', async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    // a tab that left mid-call and did not come back within the return window
    localStorage.setItem(`awaknow.left.${session.id}`, JSON.stringify({ reason: 'tab_closed', at: Date.now() - RETURN_WINDOW_MS - 1000 }));
    const usageBefore = await w.db.usage();
    expect((await readHomeState(w.services)).open).toMatchObject({ kind: 'to_end', reason: 'tab_closed', session: { id: session.id } });
    expect(await readSessionView(w.services, session.id)).toMatchObject({ phase: 'to_end' });
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'active', ended_at: null });
    expect((await w.db.usage()).secondsLeft).toBe(usageBefore.secondsLeft);
    expect(await w.tavus.activeConversations()).toHaveLength(1);
  });

  it('offers to cancel a start that never finished, charging nothing', async () => {
    const w = world();
    const reserved = await w.db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' });
    await data.owner().query(`update public.sessions set created_at = now() - interval '5 minutes' where id = $1`, [reserved.id]);
    renderApp('/', w.services);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel that start' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start session' })).toBeEnabled());
    expect(await w.db.getSession(reserved.id)).toMatchObject({ status: 'ended', seconds_used: 0 });
    expect(await data.usageRows()).toEqual([]);
  });

  it('explains a failed start, says nothing was charged, and leaves nothing running', async () => {
    const w = world();
    w.tavus.simulator.faults.set({ status: 402, match: 'POST /v2/conversations' });
    renderApp('/', w.services);
    await userEvent.click(await startButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The Tavus account is out of conversational credits.');
    expect(alert).toHaveTextContent('Add credits in the Tavus dashboard');
    expect(alert).toHaveTextContent('Nothing was charged to your minutes.');
    expect(await w.db.currentSession()).toBeNull();
    expect((await data.subscription()).tavus_seconds_used).toBe(0);
    expect(screen.getByRole('button', { name: 'Start session' })).toBeEnabled();
  });

  it('explains a refusal by the database in its own words', async () => {
    const w = world();
    // Another tab reserves a session between this page's last look and the click.
    const racing = {
      ...w.sessions,
      start: async (input: { sessionType: 'reflect_alone' | 'resolve_together' }) => {
        await w.db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' });
        return w.sessions.start(input);
      },
    };
    renderApp('/', { ...w.services, sessions: async () => racing });
    await userEvent.click(await startButton());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('A session is already running.')).toBeInTheDocument();
    // once the page has read the open session, the refusal says where it is, and is the only notice about it
    await waitFor(() =>
      expect(alert).toHaveTextContent('Another tab is starting it at this moment, and only one session can run at a time.'),
    );
    expect(screen.queryByText(/A session is being started/)).not.toBeInTheDocument();
    expect(screen.getAllByText(/already running|being started/)).toHaveLength(1);
  });

  it("shows this tab's own start as its progress, not as a start in another tab", async () => {
    const w = world();
    // the reservation is made and Tavus never answers: the start stays in progress
    const slow = {
      ...w.sessions,
      start: async () => {
        await w.db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' });
        return new Promise<never>(() => undefined);
      },
    };
    renderApp('/', { ...w.services, sessions: async () => slow });
    await userEvent.click(await startButton());
    // the call screen at once, saying what it waits for
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    expect(screen.getByText('Reserving your session, then calling the replica…')).toHaveAttribute('role', 'status');
    await waitFor(async () => expect((await readHomeState(w.services)).open).toMatchObject({ kind: 'starting' }));
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for the page to read the reservation too
    expect(screen.queryByText(/another tab/)).not.toBeInTheDocument();
  });

  it('starts a session and opens its call', async () => {
    const w = world();
    const { router } = renderApp('/', w.services);
    await userEvent.click(await startButton());
    await callStarted();
    const current = await w.db.currentSession();
    expect(router.state.location.pathname).toBe(`/session/${current!.id}`);
    expect(current?.status).toBe('active');
  });
});
