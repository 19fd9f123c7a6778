import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createEmbeddedDb } from '@/lib/db';
import { loadViteSchema } from '@/lib/db/embedded/vite-schema';
import { createClientSessions } from '@/lib/sessions/client';
import { config, renderApp, sessionWorldForFile, withSimulatedRoom } from './harness';

// "Resolve together" on the app's real pages, gateway, simulator and embedded database: the host's
// start and invite panel, the partner's arrival, and the join page's refusals in words.

const { data, world } = sessionWorldForFile();

const transcript = () => screen.getByRole('log', { name: 'Conversation so far' });

async function noAxeViolations() {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A second user of the database redeems the invite, as the partner's tab would. */
async function partnerRedeems(code: string, name: string) {
  const pg = data.owner();
  const [{ id }] = (
    await pg.query<{ id: string }>(
      `insert into auth.users (instance_id, id, aud, role, is_anonymous, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', true, now(), now()) returning id`,
    )
  ).rows as [{ id: string }];
  await pg.transaction(async (tx) => {
    await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: id, role: 'authenticated' }),
    ]);
    await tx.query('select public.redeem_invite($1, $2)', [code, name]);
  });
}

async function hostStarts() {
  await data.reset('pro');
  renderApp('/', world().services);
  await userEvent.click(await screen.findByRole('radio', { name: /Resolve together/ }));
  await userEvent.type(screen.getByLabelText('Your name'), 'Ada');
  await userEvent.click(screen.getByRole('button', { name: 'Start session' }));
  await screen.findByRole('heading', { name: 'Invite your partner' });
  const panel = screen.getByRole('region', { name: 'Invite your partner' });
  await waitFor(() => expect(within(panel).getByRole('link')).toHaveAttribute('href', expect.stringMatching(/\/join\/[0-9a-f]{64}$/)));
  return { panel, code: panel.querySelector('.invite__code')!.textContent! };
}

describe('the host of a session together', () => {
  it('gets a link and a code to share, then sees the partner join and the replica greet both', async () => {
    const { panel, code } = await hostStarts();
    expect(code).toMatch(/^[A-HJKMNP-TV-Z2-9]{6}$/);
    expect(within(panel).getByRole('button', { name: 'Copy link' })).toBeEnabled();
    expect(within(panel).getByRole('button', { name: 'Copy code' })).toBeEnabled();
    expect(panel).toHaveTextContent(/It lets one person join, until .+ \(15 minutes\) and only while this session runs\./);
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Hello Ada, I am glad you are here.'));
    await noAxeViolations();

    await partnerRedeems(code, 'Grace');
    expect(
      await screen.findByText('Grace has joined. The replica will greet you both.', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(transcript()).toHaveTextContent('Replica: Welcome, Grace. Ada and Grace, thank you for being here together.'),
    );
    await userEvent.type(screen.getByLabelText('Your answer'), 'Shall I start?');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(transcript()).toHaveTextContent('You: Shall I start?'));
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Thank you, Ada. Grace, how does that land with you?'));
  });

  it('an expired invite says so and a new one can be made', async () => {
    const { panel, code } = await hostStarts();
    await data
      .owner()
      .query(`update public.session_invites set created_at = now() - interval '20 minutes', expires_at = now() - interval '5 minutes'`);
    await userEvent.click(within(panel).getByRole('button', { name: 'New invite' }));
    await waitFor(() => expect(panel.querySelector('.invite__code')?.textContent).not.toBe(code));
    expect(panel.querySelector('.invite__code')!.textContent).toMatch(/^[A-HJKMNP-TV-Z2-9]{6}$/);
  });
});

describe('the join page', () => {
  it('refuses a code that does not exist, in words, and changes nothing', async () => {
    renderApp('/join', world().services);
    await userEvent.type(await screen.findByLabelText('Invite code'), 'zzz-zzz');
    await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'There is no invite with this link or code. Check the code with the person who invited you',
    );
    await noAxeViolations();
  });

  it('the host’s own invite, and an expired one seen by the guest, are refused in words', async () => {
    await data.reset('pro');
    const started = await world().sessions.start({ sessionType: 'resolve_together', hostName: 'Ada' });
    // the embedded database's local user is the host here
    const own = renderApp(`/join/${started.invite!.token}`, world().services);
    expect(await screen.findByRole('alert')).toHaveTextContent('This is your own invite.');
    own.unmount();

    // the local guest, as a tab opened on the link is
    const guest = createEmbeddedDb({ pglite: data.owner(), loadSchema: loadViteSchema, asGuest: true });
    await data
      .owner()
      .query(`update public.session_invites set created_at = now() - interval '20 minutes', expires_at = now() - interval '5 minutes'`);
    renderApp(`/join/${started.invite!.code}`, world({ db: async () => guest }).services);
    expect(await screen.findByRole('alert')).toHaveTextContent('This invite has expired. An invite works for 15 minutes');
    expect(screen.queryByRole('button', { name: 'Join session' })).not.toBeInTheDocument();
    await noAxeViolations();
    await guest.close();
  });
});

describe('the partner in the private room', () => {
  /**
   * The host's running session together, and the local guest (a tab opened on the link) as the
   * partner: its own gateway on the guest's database, the same simulated Tavus and room.
   */
  async function guestOnLink() {
    await data.reset('pro');
    const host = withSimulatedRoom(world());
    const started = await host.sessions.start({ sessionType: 'resolve_together', hostName: 'Ada' });
    const guest = createEmbeddedDb({ pglite: data.owner(), loadSchema: loadViteSchema, asGuest: true });
    const sessions = createClientSessions({ db: guest, tavus: host.tavus.client, config, callTransport: 'simulated' });
    const services = { ...host.services, db: async () => guest, sessions: async () => sessions };
    return { started, guest, services };
  }

  async function joinAs(name: string) {
    await userEvent.type(await screen.findByLabelText('Your name'), name);
    await userEvent.click(screen.getByRole('button', { name: 'Join session' }));
    await screen.findByRole('heading', { name: 'Resolve together with Ada' });
  }

  it('joins with the meeting token the redeemed invite brings', async () => {
    const { started, guest, services } = await guestOnLink();
    expect(started.meetingToken).toEqual(expect.any(String));
    renderApp(`/join/${started.invite!.token}`, services);
    await joinAs('Grace');
    expect(await screen.findByText('simulated call (mock mode)')).toBeInTheDocument();
    expect(screen.queryByText(/private room did not let you in/)).not.toBeInTheDocument();
    await guest.close();
  });

  it('an invite that brings no token joins nothing: the room refuses, in words', async () => {
    const { started, guest, services } = await guestOnLink();
    await data.owner().query('delete from private.session_rooms where session_id = $1', [started.session.id]);
    renderApp(`/join/${started.invite!.token}`, services);
    await joinAs('Grace');
    expect(await screen.findByText(/The call's private room did not let you in/)).toHaveAttribute('role', 'alert');
    expect(screen.queryByText('simulated call (mock mode)')).not.toBeInTheDocument();
    await guest.close();
  });

  it('after 10 codes that do not exist, the right one is refused too, in the catalogue’s words', async () => {
    const { started, guest, services } = await guestOnLink();
    renderApp('/join', services);
    const field = await screen.findByLabelText('Invite code');
    const wrong = started.invite!.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    for (let i = 0; i < 10; i += 1) {
      await userEvent.clear(field);
      await userEvent.type(field, wrong);
      await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('There is no invite with this link or code.'));
    }
    await userEvent.clear(field);
    await userEvent.type(field, started.invite!.code);
    await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Too many invite codes that do not exist were tried from this account. Wait 10 minutes, then type the code exactly as you were given it',
      ),
    );
    expect(screen.queryByRole('button', { name: 'Join session' })).not.toBeInTheDocument();
    await guest.close();
  });
});
