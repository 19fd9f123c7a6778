import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AppDb } from '@/lib/db';
import { callStarted, renderApp, sessionWorldForFile } from './harness';

const { data, world } = sessionWorldForFile();

/** A database that answers only when told: the page before and after it opens. */
function gated(db: AppDb) {
  let open!: () => void;
  const ready = new Promise<void>((resolve) => (open = resolve));
  return { db: () => ready.then(() => db), open };
}

const minutes = () => screen.getByText('Minutes left').parentElement;
const plan = () => screen.getByText('Minutes left').closest('dl');

describe('home, before the database answers', () => {
  it("shows a new local database's state on a first visit, with a start button that already works", async () => {
    const w = world();
    const gate = gated(w.db);
    const sessions = () => gate.db().then(() => w.sessions);
    renderApp('/', { ...w.services, db: gate.db, sessions, knownHome: true });
    const start = await screen.findByRole('button', { name: 'Start session' });
    expect(start).toBeEnabled();
    expect(minutes()).toHaveTextContent('Minutes left25 of 25 (Free plan');
    expect(plan()).toHaveAttribute('aria-busy', 'true');

    // Pressed before the database has answered: the call screen comes at once and says it is
    // reserving the session; nothing is reserved until the database answers, then the call follows.
    await userEvent.click(start);
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    expect(screen.getByText('Reserving your session, then calling the replica…')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'End session' })).not.toBeInTheDocument();
    expect(await w.db.currentSession()).toBeNull();
    gate.open();
    await callStarted();
    expect(await w.db.currentSession()).toMatchObject({ status: 'active' });
  });

  it('follows the database once it answers, and keeps its answer for the next visit', async () => {
    const w = world();
    const gate = gated(w.db);
    renderApp('/', { ...w.services, db: gate.db, knownHome: true });
    await screen.findByRole('button', { name: 'Start session' });
    gate.open(); // this world's user is on Growth
    await waitFor(() => expect(minutes()).toHaveTextContent('Minutes left300 of 300 (Growth plan'));
    expect(plan()).not.toHaveAttribute('aria-busy');
    expect(JSON.parse(localStorage.getItem('awaknow.home')!)).toMatchObject({
      usage: { plan: { name: 'Growth' } },
      open: { kind: 'none' },
    });
  });

  it('shows on a return visit what the database last said, then what it says now', async () => {
    const first = renderApp('/', { ...world().services, knownHome: true });
    await waitFor(() => expect(minutes()).toHaveTextContent('Minutes left300 of 300 (Growth plan'));
    await waitFor(() => expect(plan()).not.toHaveAttribute('aria-busy'));
    first.unmount();

    await data.setSecondsUsed(300 * 60 - 10);
    const w = world();
    const gate = gated(w.db);
    renderApp('/', { ...w.services, db: gate.db, knownHome: true });
    expect(await screen.findByRole('button', { name: 'Start session' })).toBeEnabled();
    expect(minutes()).toHaveTextContent('Minutes left300 of 300 (Growth plan');

    gate.open();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start session' })).toBeDisabled());
    expect(screen.getByText(/You have used all your minutes for this period/)).toBeInTheDocument();
    expect(minutes()).toHaveTextContent('Minutes left0.2 of 300'); // 10 s, to the tenth as on every screen
  });

  it('a start the last known state allowed and the database refuses: the call screen gives way to the refusal in words, nothing charged', async () => {
    const first = renderApp('/', { ...world().services, knownHome: true });
    await waitFor(() => expect(plan()).not.toHaveAttribute('aria-busy'));
    first.unmount();

    await data.setSecondsUsed(300 * 60 - 10); // since then, the minutes ran out elsewhere
    const w = world();
    const gate = gated(w.db);
    const sessions = () => gate.db().then(() => w.sessions);
    renderApp('/', { ...w.services, db: gate.db, sessions, knownHome: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    gate.open();
    expect(await screen.findByRole('alert')).toHaveTextContent('You have used all your minutes for this period.');
    expect(screen.getByRole('heading', { name: 'Reflect' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your reflection session' })).not.toBeInTheDocument();
    expect(await w.db.currentSession()).toBeNull();
    expect(w.tavus.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect((await data.subscription()).tavus_seconds_used).toBe(300 * 60 - 10);
  });

  it("supabase data mode: a return visit shows the signed-in user's last known state at once, another user's first visit waits", async () => {
    const user = { current: 'user-a' as string | null };
    const knownHome = { userId: () => user.current };
    const first = renderApp('/', { ...world().services, knownHome });
    await waitFor(() => expect(minutes()).toHaveTextContent('Minutes left300 of 300 (Growth plan'));
    await waitFor(() => expect(plan()).not.toHaveAttribute('aria-busy'));
    first.unmount();
    expect(localStorage.getItem('awaknow.home')).toBeNull(); // not the local user's
    expect(JSON.parse(localStorage.getItem('awaknow.home.user-a')!)).toMatchObject({ usage: { plan: { name: 'Growth' } } });

    // the same user again, before supabase-js and the project have answered: the plan at once, marked busy
    const again = world();
    const gate = gated(again.db);
    const view = renderApp('/', { ...again.services, db: gate.db, knownHome });
    expect(await screen.findByRole('button', { name: 'Start session' })).toBeEnabled();
    expect(minutes()).toHaveTextContent('Minutes left300 of 300 (Growth plan');
    expect(plan()).toHaveAttribute('aria-busy', 'true');
    gate.open();
    await waitFor(() => expect(plan()).not.toHaveAttribute('aria-busy'));
    view.unmount();

    // another user of this browser: nothing of user-a's, the page waits for the project
    user.current = 'user-b';
    renderApp('/', { ...world({ db: () => new Promise(() => undefined) }).services, knownHome });
    expect(await screen.findByText('Loading your plan…')).toBeInTheDocument();
    expect(screen.queryByText('Minutes left')).not.toBeInTheDocument();
  });

  it("the session's page keeps the call screen's frame for a session just started here, while it reads it", async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    const gate = gated(w.db);
    renderApp({ pathname: `/session/${session.id}`, state: { startedHere: true } }, { ...w.services, db: gate.db });
    expect(await screen.findByRole('heading', { name: 'Your reflection session' })).toBeInTheDocument();
    expect(screen.getByText('Opening the call…')).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Loading the session…')).not.toBeInTheDocument();
    gate.open();
    await callStarted();
  });

  it("a session's page opened otherwise says it is loading the session", async () => {
    const w = world();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    renderApp(`/session/${session.id}`, { ...w.services, db: gated(w.db).db });
    expect(await screen.findByText('Loading the session…')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your reflection session' })).not.toBeInTheDocument();
  });

  it('without the composition root asking for it (supabase data mode), waits for the database and keeps nothing', async () => {
    const w = world({ db: () => new Promise(() => undefined) });
    renderApp('/', w.services);
    expect(await screen.findByText('Loading your plan…')).toBeInTheDocument();
    expect(localStorage.getItem('awaknow.home')).toBeNull();
  });
});
