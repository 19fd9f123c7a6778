import { cleanup, screen, within } from '@testing-library/react';
import { minutesLeft, minutesUsed } from '@/utils/format-duration';
import { renderApp, sessionWorldForFile } from './harness';

const { data, world } = sessionWorldForFile();

/** The text of the definition that follows a term (`<dt>term</dt><dd>…</dd>`). */
const definition = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent ?? '';

/**
 * One ended session of `seconds` charged, as the database holds it: the session, its usage row and
 * the subscription's total (a charge of a whole 21 s is a tie between two tenths of a minute).
 */
async function endedSession(seconds: number) {
  const w = world();
  const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
  await w.sessions.end(session.id, 'user_ended');
  const owner = data.owner();
  await owner.query(`update public.sessions set started_at = ended_at - make_interval(secs => $2), seconds_used = $2 where id = $1`, [
    session.id,
    seconds,
  ]);
  await owner.query(`update public.tavus_usage set seconds_used = $2 where session_id = $1`, [session.id, seconds]);
  await data.setSecondsUsed(seconds);
  return { w, id: session.id, limit: (await data.subscription()).tavus_minutes_limit };
}

describe('one session, the same figures on every screen', () => {
  it.each([20, 21, 27, 200])('%i s charged: the summary, history, usage and start page agree', async (seconds) => {
    const { w, id, limit } = await endedSession(seconds);
    // what a person works out from the charge: tenths of a minute, and the rest of the plan
    const used = String(Math.round(seconds / 6) / 10);
    const left = String((limit * 10 - Math.round(seconds / 6)) / 10);

    renderApp(`/session/${id}`, w.services);
    await screen.findByRole('heading', { name: 'Session summary' });
    await vi.waitFor(() => expect(definition('Minutes left')).not.toBe('…'));
    expect(definition('Minutes charged')).toMatch(new RegExp(`^${used.replace('.', '\\.')} \\(`));
    expect(definition('Minutes left')).toMatch(new RegExp(`^${left.replace('.', '\\.')} \\(`));
    cleanup();

    renderApp('/history', w.services);
    const table = await screen.findByRole('table', { name: 'Your sessions, newest first' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByText(`${used} min`)).toBeInTheDocument();
    cleanup();

    renderApp('/usage', w.services);
    const meter = await screen.findByText(/minutes left · the period ends/);
    expect(meter.textContent).toContain(`${used} of ${limit} minutes used · ${left} minutes left`);
    cleanup();

    renderApp('/', w.services);
    await vi.waitFor(() => expect(definition('Minutes left')).toMatch(new RegExp(`^${left.replace('.', '\\.')} of ${limit} `)));
    expect(Number(used) * 10 + Number(left) * 10).toBe(limit * 10);
  });
});

describe('the minute figures', () => {
  it('round to the nearest tenth; a tie counts the minute used up and the minute left down', () => {
    expect([0, 20, 21, 27, 60, 200, 601].map(minutesUsed)).toEqual(['0', '0.3', '0.4', '0.5', '1', '3.3', '10']);
    expect([0, 1479, 1480, 1497, 1500, -5].map(minutesLeft)).toEqual(['0', '24.6', '24.7', '24.9', '25', '0']);
  });
});
