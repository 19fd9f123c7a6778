import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '@supabase/supabase-js';
import { createSupabaseDb, DbError, NotAuthenticatedError, type AppDb, type Database } from '@/lib/db';
import { ANON_KEY, createStandIn } from '../../unit/db/postgrest-stand-in';
import { HistoryPage } from '@/features/history/history-page';
import { usePersonaNames } from '@/stores/persona-names-store';
import { PERSONA, renderAt, seed, setupWorld, type World } from './world';

const world = setupWorld();

const showHistory = (w: World = world(), path = '/history') => renderAt(w, path, [{ path: '/history', element: <HistoryPage /> }]);

async function table() {
  return screen.findByRole('table', { name: 'Your sessions, newest first' });
}

/** The body rows of the sessions table (details rows excluded), each as its cells' text. */
function rowsOf(element: HTMLElement): string[][] {
  return within(element)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => !row.classList.contains('history-table__details'))
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('/history', () => {
  it('says so when there is no session yet, and points to the start page', async () => {
    showHistory();
    expect(await screen.findByText(/You have no sessions yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start your first session' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows one session with its type, persona, duration, minutes charged and end, linked to its page', async () => {
    const id = await seed(world(), { day: 1, seconds: 200, endReason: 'limit_reached' });
    showHistory();
    const rows = rowsOf(await table());
    expect(rows).toHaveLength(1);
    // a persona neither the studio nor the start-up check knows: its id, said to be one
    expect(rows[0]!.slice(1, 6)).toEqual([
      'Reflect alone',
      'Unknown persona (p7e13c73f41f)',
      '3 min 20 s',
      '3.3 min',
      'EndedThe time limit was reached',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('One session.');

    await userEvent.click(within(await table()).getAllByRole('link')[0]!);
    expect(await screen.findByText(`Session page of ${id}`)).toBeInTheDocument();
  });

  it('names the persona by its studio name when the user has linked one', async () => {
    await world().db.linkPersona('pb9a1c0ffee42', { persona_name: 'Night owl' });
    await seed(world(), { day: 1, seconds: 60, persona: 'pb9a1c0ffee42' });
    showHistory();
    expect(rowsOf(await table())[0]![2]).toBe('Night owl');
    expect(screen.getByText('Night owl')).toHaveAttribute('title', 'Tavus persona pb9a1c0ffee42');
  });

  it('names the configured persona as the start-up check found it, the id in the details only', async () => {
    usePersonaNames.getState().learn(PERSONA, 'Reflective Listener');
    await seed(world(), { day: 1, seconds: 60 });
    showHistory();
    const [row] = rowsOf(await table());
    expect(row![2]).toBe('Reflective Listener');
    expect(row!.join(' ')).not.toContain(PERSONA);
    await userEvent.click(screen.getByRole('button', { name: /^Details of the session/ }));
    const details = await screen.findByText('Tavus persona id');
    expect(details.nextElementSibling).toHaveTextContent(PERSONA);
    expect(within(details.parentElement!.parentElement!).getAllByText('Reflective Listener')).toHaveLength(1);
  });

  it('shows failed starts as failed, with their error and nothing charged', async () => {
    await seed(world(), { day: 1, seconds: 90 });
    await seed(world(), { day: 2, status: 'failed', error: 'Tavus answered 402: out of conversational credits' });
    showHistory();
    const [failed, ended] = rowsOf(await table());
    expect(failed!.slice(3, 6)).toEqual(['—', '0 min', 'Failed to startTavus answered 402: out of conversational credits']);
    expect(ended![5]).toBe('EndedYou ended it');
  });

  it('words a start that Tavus refused, not its recorded codes', async () => {
    const recorded =
      'conversation_create_failed: out_of_credits: The Tavus account is out of conversational credits (POST /v2/conversations).';
    await seed(world(), { day: 2, status: 'failed', error: recorded });
    showHistory();
    const [failed] = rowsOf(await table());
    expect(failed![5]).toBe('Failed to startTavus could not start the call. The Tavus account is out of conversational credits.');
    expect(failed![5]).not.toContain('out_of_credits');
  });

  it('pages 45 sessions twenty at a time, newest first', async () => {
    // seconds = 60 + i: the charge tells which session a row is
    for (let i = 0; i < 45; i += 1) await seed(world(), { day: i / 10, seconds: 60 + i });
    const user = userEvent.setup();
    showHistory();

    let rows = rowsOf(await table());
    expect(rows).toHaveLength(20);
    expect(rows[0]![3]).toBe('1 min 44 s'); // the newest: i = 44
    expect(rows[19]![3]).toBe('1 min 25 s'); // i = 25
    expect(screen.getByText('Sessions 1–20 of 45.')).toBeInTheDocument();
    const pager = screen.getByRole('navigation', { name: 'Pages of sessions' });
    expect(pager).toHaveTextContent('Page 1 of 3');
    expect(within(pager).queryByRole('link', { name: 'Newer sessions' })).not.toBeInTheDocument();

    await user.click(within(pager).getByRole('link', { name: 'Older sessions' }));
    await screen.findByText('Sessions 21–40 of 45.');
    rows = rowsOf(await table());
    expect(rows.map((row) => row[3])).toEqual(Array.from({ length: 20 }, (_, k) => `1 min ${24 - k} s`));

    await user.click(screen.getByRole('link', { name: 'Older sessions' }));
    await screen.findByText('Sessions 41–45 of 45.');
    expect(rowsOf(await table()).map((row) => row[3])).toEqual(['1 min 4 s', '1 min 3 s', '1 min 2 s', '1 min 1 s', '1 min']);
    expect(screen.queryByRole('link', { name: 'Older sessions' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Newer sessions' }));
    await screen.findByText('Sessions 21–40 of 45.');
  });

  it('says when a page is past the end, and links to the last one', async () => {
    for (let i = 0; i < 3; i += 1) await seed(world(), { day: i, seconds: 30 });
    showHistory(world(), '/history?page=9');
    expect(await screen.findByText('There is no page 9: your 3 sessions fit on 1 page.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the last page' })).toHaveAttribute('href', '/history');
  });

  it('opens a row in place to show its full record and transcript', async () => {
    await seed(world(), {
      day: 1,
      seconds: 75,
      transcript: [
        { role: 'system', content: 'You are a calm guide.' },
        { role: 'assistant', content: 'What brings you here today?' },
        { role: 'user', content: 'I keep putting things off.' },
      ],
    });
    const user = userEvent.setup();
    showHistory();
    const toggle = within(await table()).getByRole('button', { name: /^Details of the session started/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const said = await screen.findByRole('list', { name: 'What was said' });
    expect(
      within(said)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Replica: What brings you here today?', 'You: I keep putting things off.']);
    await user.click(screen.getByRole('button', { name: 'Copy transcript' }));
    expect(await navigator.clipboard.readText()).toBe('Replica: What brings you here today?\nYou: I keep putting things off.');
  });

  it('lists a newly started session without a reload', async () => {
    await world().pg.exec(`update public.user_subscriptions set plan_id = 'growth', tavus_minutes_limit = 300`);
    await seed(world(), { day: 0, seconds: 60 });
    showHistory();
    expect(rowsOf(await table())).toHaveLength(1);
    await world().db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f' });
    await waitFor(() => expect(rowsOf(screen.getByRole('table'))).toHaveLength(2));
    expect(rowsOf(screen.getByRole('table'))[0]![5]).toBe('Starting');
  });

  it('shows a failed read with the reason and a retry that works', async () => {
    let fail = true;
    const real = world().db;
    const db: AppDb = {
      ...real,
      listSessionHistory: (request) =>
        fail
          ? Promise.reject(new DbError('db_error', 'The database could not complete the request. (connection lost)'))
          : real.listSessionHistory(request),
      subscribe: real.subscribe,
    };
    await seed(world(), { day: 1, seconds: 60 });
    const user = userEvent.setup();
    showHistory({ ...world(), services: { ...world().services, db: async () => db } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your sessions could not be loaded. The database could not complete the request. (connection lost)');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(rowsOf(await table())).toHaveLength(1);
  });

  it('asks a visitor to sign in, coming back here afterwards', async () => {
    const db = {
      ...world().db,
      listSessionHistory: () => Promise.reject(new NotAuthenticatedError()),
      subscribe: () => () => undefined,
    } as AppDb;
    showHistory({ ...world(), services: { ...world().services, db: async () => db } }, '/history?page=2');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You are not signed in.');
    expect(within(alert).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in?next=%2Fhistory%3Fpage%3D2');
  });
});

describe('/history over supabase-js', () => {
  it("lists the signed-in user's sessions only, and counts them on a page past the end", async () => {
    const standIn = createStandIn(world().pg, 'https://project.supabase.test');
    const client = createClient<Database>('https://project.supabase.test', ANON_KEY, {
      global: { fetch: standIn.fetch },
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    const { data } = await client.auth.signInAnonymously();
    const db = createSupabaseDb(client, { pollMs: 0 });
    for (let i = 0; i < 3; i += 1) await seed(world(), { day: i, seconds: 61 + i }, data.user!.id);
    await seed(world(), { day: 1, seconds: 500 }); // the local user's: never listed
    const signedIn = { ...world(), services: { ...world().services, db: async () => db } };

    const first = showHistory(signedIn);
    expect(rowsOf(await table()).map((row) => row[4])).toEqual(['1.1 min', '1 min', '1 min']);
    expect(rowsOf(await table()).map((row) => row[3])).toEqual(['1 min 3 s', '1 min 2 s', '1 min 1 s']);
    expect(standIn.requests.some((r) => r.url.pathname === '/rest/v1/my_session_history')).toBe(true);
    first.unmount();

    showHistory(signedIn, '/history?page=4');
    expect(await screen.findByText('There is no page 4: your 3 sessions fit on 1 page.')).toBeInTheDocument();
    await db.close();
  });
});
