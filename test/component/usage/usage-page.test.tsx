import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '@supabase/supabase-js';
import { createSupabaseDb, DbError, type AppDb, type Database } from '@/lib/db';
import { UsagePage } from '@/features/usage/usage-page';
import { usePersonaNames } from '@/stores/persona-names-store';
import { PERSONA, renderAt, seed, setupWorld, type World } from '../history/world';
import { ANON_KEY, createStandIn } from '../../unit/db/postgrest-stand-in';

const world = setupWorld();
const OTHER = 'pb9a1c0ffee42';

const showUsage = (w: World = world()) => renderAt(w, '/usage', [{ path: '/usage', element: <UsagePage /> }]);

/** A month with two personas, both session types and two failed starts: 965 seconds charged. */
async function month(w: World, userId = w.userId) {
  await seed(w, { day: 0, seconds: 300 }, userId);
  await seed(w, { day: 0.1, seconds: 45, persona: OTHER }, userId);
  await seed(w, { day: 2, seconds: 600, type: 'resolve_together' }, userId);
  await seed(w, { day: 2.1, status: 'failed' }, userId);
  await seed(w, { day: 5, status: 'failed', persona: OTHER, type: 'resolve_together' }, userId);
  await seed(w, { day: 5.1, seconds: 20 }, userId);
}

const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

const longDay = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

async function periodDays(w: World): Promise<string[]> {
  const { rows } = await w.pg.query<{ d: string }>(
    `select to_char(g, 'YYYY-MM-DD') as d from public.user_subscriptions s,
            generate_series(s.period_start at time zone 'utc', s.period_end at time zone 'utc' - interval '1 day', interval '1 day') g
      where s.user_id = $1 order by 1`,
    [w.userId],
  );
  return rows.map((row) => row.d);
}

/** Checks the page against the known month, whichever data implementation read it. */
async function expectMonth(days: string[]) {
  const meter = await screen.findByRole('progressbar', { name: /^Minutes used/ });
  expect(meter).toHaveAttribute('aria-valuenow', '16.1');
  expect(meter).toHaveAttribute('aria-valuemax', '25');
  expect(meter).toHaveAttribute('aria-valuetext', '16.1 of 25 minutes used (64%)');
  expect(screen.getByText(/minutes left/)).toHaveTextContent('16.1 of 25 minutes used · 8.9 minutes left');

  const bars = [...document.querySelectorAll<HTMLElement>('.daily-chart__bar')];
  expect(bars.map((bar) => bar.dataset.date)).toEqual(days);
  const charged = Object.fromEntries(
    bars.filter((bar) => bar.dataset.seconds !== '0').map((bar) => [bar.dataset.date, [bar.dataset.seconds, bar.style.height]]),
  );
  expect(charged).toEqual({ [days[0]!]: ['345', '57.5%'], [days[2]!]: ['600', '100%'], [days[5]!]: ['20', '3.3%'] });
  expect(screen.getByRole('img', { name: /^Minutes per day/ })).toHaveAccessibleName(
    `Minutes per day from ${longDay(days[0]!)} to ${longDay(days.at(-1)!)}: 16.1 minutes over 3 days, the most 10 minutes on ${longDay(days[2]!)}.`,
  );
  expect(cells(screen.getByRole('table', { name: 'Minutes per day (UTC), days with sessions' }))).toEqual([
    [longDay(days[0]!), '2', '5.8'],
    [longDay(days[2]!), '1', '10'],
    [longDay(days[5]!), '1', '0.3'],
  ]);

  expect(screen.getByText(/^Success rate/, { selector: 'p' })).toHaveTextContent(
    'Success rate 67%: 4 ended, 2 failed to start (failed starts are never charged).',
  );
  expect(cells(screen.getByRole('table', { name: 'By persona' }))).toEqual([
    [`Unknown persona (${PERSONA})`, '15.3', '3', '1', '75%'],
    [`Unknown persona (${OTHER})`, '0.8', '1', '1', '50%'],
  ]);
  expect(cells(screen.getByRole('table', { name: 'By session type' }))).toEqual([
    ['Resolve together', '10', '1', '1', '50%'],
    ['Reflect alone', '6.1', '3', '1', '75%'],
  ]);
}

describe('/usage', () => {
  it('shows the period against the plan, minutes per day and the breakdowns, all summed by the database', async () => {
    await month(world());
    const calls: string[] = [];
    const counting = new Proxy(world().db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (...args: unknown[]) => (calls.push(String(key)), value.apply(target, args)) : value;
      },
    });
    showUsage({ ...world(), services: { ...world().services, db: async () => counting } });
    await expectMonth(await periodDays(world()));
    expect(calls).not.toContain('listSessions');
    expect(calls).not.toContain('listSessionHistory');
    expect(calls).toContain('usageReport');
  });

  it('names each persona: the studio name, else the one the start-up check found, the id in the tooltip', async () => {
    await month(world());
    await world().db.linkPersona(OTHER, { persona_name: 'Night owl' });
    usePersonaNames.getState().learn(PERSONA, 'Reflective Listener');
    showUsage();
    const byPersona = await screen.findByRole('table', { name: 'By persona' });
    expect(cells(byPersona).map((row) => row[0])).toEqual(['Reflective Listener', 'Night owl']);
    expect(within(byPersona).getByText('Reflective Listener')).toHaveAttribute('title', `Tavus persona ${PERSONA}`);
  });

  it('shows what the plan allows and the three plans side by side, with how a plan is changed', async () => {
    showUsage();
    const plan = await screen.findByLabelText('What the Free plan allows');
    expect(
      within(plan)
        .getAllByRole('definition')
        .map((dd) => dd.textContent),
    ).toEqual(['Free', '25', '10 minutes', '1 (1 left today, UTC)', 'Not included']);
    const plans = within(screen.getByRole('region', { name: 'Plans' })).getAllByRole('listitem');
    expect(plans.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Free Your plan', 'Growth ', 'Pro ']);
    expect(
      within(plans[2]!)
        .getAllByRole('definition')
        .map((dd) => dd.textContent),
    ).toEqual(['1000', '60 min', 'No limit', 'Included']);
    expect(screen.getByText(/Plans are changed by billing on the server, never from this page/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /upgrade|change plan/i })).not.toBeInTheDocument();
  });

  it('shows an empty period as such', async () => {
    showUsage();
    const meter = await screen.findByRole('progressbar', { name: /^Minutes used/ });
    expect(meter).toHaveAttribute('aria-valuenow', '0');
    expect(meter).toHaveAttribute('aria-valuetext', '0 of 25 minutes used (0%)');
    expect(screen.getByText('No minutes used yet this period.')).toBeInTheDocument();
    expect(screen.getByText('No session has ended or failed this period yet.')).toBeInTheDocument();
    expect([...document.querySelectorAll<HTMLElement>('.daily-chart__bar')].every((bar) => bar.dataset.seconds === '0')).toBe(true);
  });

  it('updates when a session ends elsewhere', async () => {
    await world().pg.exec(`update public.user_subscriptions set plan_id = 'growth', tavus_minutes_limit = 300`);
    showUsage();
    await screen.findByText('No session has ended or failed this period yet.');
    const started = await world().db.startSession({ sessionType: 'reflect_alone', personaId: PERSONA });
    await world().db.failSession(started.id, 'Tavus answered 500');
    await waitFor(() =>
      expect(screen.getByText(/^Success rate/, { selector: 'p' })).toHaveTextContent('Success rate 0%: 0 ended, 1 failed to start'),
    );
  });

  it('shows a failed read with the reason and a retry that works', async () => {
    let fail = true;
    const real = world().db;
    const db: AppDb = {
      ...real,
      usageReport: () =>
        fail ? Promise.reject(new DbError('db_error', 'The database could not complete the request. (timeout)')) : real.usageReport(),
    };
    const user = userEvent.setup();
    showUsage({ ...world(), services: { ...world().services, db: async () => db } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your usage could not be loaded. The database could not complete the request. (timeout)');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('progressbar', { name: /^Minutes used/ })).toBeInTheDocument();
  });
});

describe('/usage over supabase-js', () => {
  /** The app's Supabase data implementation, against a PostgREST stand-in on the same database. */
  function supabaseWorld(w: World) {
    const standIn = createStandIn(w.pg, 'https://project.supabase.test');
    const client = createClient<Database>('https://project.supabase.test', ANON_KEY, {
      global: { fetch: standIn.fetch },
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    const db = createSupabaseDb(client, { pollMs: 0 });
    return { client, db, services: { ...w.services, db: async () => db } };
  }

  it('shows the same figures to a signed-in user, and none of the local user’s', async () => {
    const { client, db, services } = supabaseWorld(world());
    const { data } = await client.auth.signInAnonymously();
    await month(world(), data.user!.id);
    await seed(world(), { day: 1, seconds: 1200 }); // the local user's: must not show
    showUsage({ ...world(), services });
    await expectMonth(await periodDays(world()));
    await db.close();
  });

  it('asks a visitor to sign in', async () => {
    const { db, services } = supabaseWorld(world());
    showUsage({ ...world(), services });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You are not signed in. Sign in to see your usage.');
    expect(within(alert).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in?next=%2Fusage');
    await db.close();
  });
});
