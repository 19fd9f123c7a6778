import {
  elapse,
  errorOf,
  setPlan,
  setupTestDb,
  startActiveSession,
  startSession,
  subscriptionOf,
  usageRowsOf,
  type SessionRow,
} from './harness';

/**
 * "Resolve together": the host of an active resolve_together session invites one partner, who
 * joins with the link's token or the short code. What each of the host, the partner, a stranger
 * and the server may do, and what each is charged.
 */

const db = setupTestDb();

interface Invite {
  session_id: string;
  token: string;
  code: string;
  host_name: string;
  expires_at: string;
}
type PartnerView = Record<string, unknown> & { id: string; status: string; host_name: string; partner_name: string | null };

const json = async <T>(rows: Promise<Array<{ r: T }>>) => (await rows)[0]!.r;
const invite = (uid: string, sessionId: string, name: string | null = 'Ada') =>
  json<Invite>(db.asUser(uid, 'select public.create_invite($1, $2) as r', [sessionId, name]));
const preview = (uid: string, key: string) => json<Record<string, unknown>>(db.asUser(uid, 'select public.preview_invite($1) as r', [key]));
const redeem = (uid: string, key: string, name = 'Grace') =>
  json<PartnerView>(db.asUser(uid, 'select public.redeem_invite($1, $2) as r', [key, name]));
const joined = (uid: string, sessionId: string) => json<PartnerView>(db.asUser(uid, 'select public.joined_session($1) as r', [sessionId]));
const endJoined = (uid: string, sessionId: string) =>
  json<PartnerView>(db.asUser(uid, 'select public.end_joined_session($1) as r', [sessionId]));
/** A code or link that names no invite is answered, not raised, so that the miss is counted (invite-attempts.test.ts). */
const NOT_FOUND = { refused: 'invite_not_found', detail: 'No invite has this link or code.' };
const sessionRow = async (id: string) => (await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [id]))[0]!;

/** A host on the pro plan (group sessions) in an active resolve_together session, with an invite. */
async function hosted(): Promise<{ host: string; session: SessionRow; invite: Invite }> {
  const host = await db.createUser();
  await setPlan(db, host, 'pro');
  const session = await startActiveSession(db, host, 'resolve_together');
  return { host, session, invite: await invite(host, session.id) };
}

describe('creating an invite', () => {
  it('gives the host a 64-character token and a 6-character code without ambiguous characters, for 15 minutes', async () => {
    const { invite: made, session } = await hosted();
    expect(made.session_id).toBe(session.id);
    expect(made.token).toMatch(/^[0-9a-f]{64}$/);
    expect(made.code).toMatch(/^[A-HJKMNP-TV-Z2-9]{6}$/);
    const [row] = await db.asOwner<{ minutes: number }>(
      `select extract(epoch from expires_at - created_at) / 60 as minutes from public.session_invites where token = $1`,
      [made.token],
    );
    expect(Number(row!.minutes)).toBe(15);
  });

  it('is refused for a solo session, a session not running, and someone else’s session', async () => {
    const host = await db.createUser();
    await setPlan(db, host, 'pro');
    const solo = await startActiveSession(db, host);
    expect((await errorOf(invite(host, solo.id))).message).toBe('session_type_not_allowed');
    await db.asUser(host, 'select public.end_session($1)', [solo.id]);
    const starting = await startSession(db, host, 'resolve_together');
    expect((await errorOf(invite(host, starting.id))).message).toBe('session_not_active');
    const stranger = await db.createUser();
    expect((await errorOf(invite(stranger, starting.id))).message).toBe('session_not_found');
    expect(await db.asOwner('select * from public.session_invites')).toEqual([]);
  });

  it('refuses a bad name and changes nothing', async () => {
    const host = await db.createUser();
    await setPlan(db, host, 'pro');
    const session = await startActiveSession(db, host, 'resolve_together');
    for (const name of ['', '   ', 'a'.repeat(61), 'Ada\u0007', null]) {
      expect((await errorOf(invite(host, session.id, name))).message).toBe('invalid_name');
    }
    expect(await db.asOwner('select * from public.session_invites')).toEqual([]);
  });

  it('a new invite replaces the unused one and keeps the host’s name when none is given', async () => {
    const { host, session, invite: first } = await hosted();
    const second = await invite(host, session.id, null);
    expect(second.host_name).toBe('Ada');
    expect(second.code).not.toBe(first.code);
    const partner = await db.createUser();
    expect(await redeem(partner, first.code)).toEqual(NOT_FOUND);
    expect((await redeem(partner, second.code)).partner_name).toBe('Grace');
    expect((await errorOf(invite(host, session.id))).message).toBe('partner_already_joined');
  });

  it('the host reads their invites; nobody else reads any', async () => {
    const { host, invite: made } = await hosted();
    expect(await db.asUser(host, 'select code from public.session_invites')).toEqual([{ code: made.code }]);
    const other = await db.createUser();
    expect(await db.asUser(other, 'select code from public.session_invites')).toEqual([]);
    expect((await errorOf(db.asAnon('select * from public.session_invites'))).code).toBe('42501');
  });
});

describe('previewing and redeeming', () => {
  it('shows the partner who invited them and to what, nothing private, by code or by link', async () => {
    const { invite: made } = await hosted();
    const partner = await db.createUser();
    const byCode = await preview(partner, made.code.toLowerCase().replace(/^(...)/, '$1-'));
    expect(byCode).toMatchObject({ host_name: 'Ada', session_type: 'resolve_together', session_status: 'active', joined: false });
    expect(Object.keys(byCode).sort()).toEqual(['expires_at', 'host_name', 'joined', 'session_status', 'session_type']);
    expect(await preview(partner, made.token)).toEqual(byCode);
  });

  it('a bad code or link is invite_not_found, and joins nothing', async () => {
    const { session } = await hosted();
    const partner = await db.createUser();
    for (const key of ['', 'ZZZZZZ', 'not a code', 'f'.repeat(64), "' or true --"]) {
      expect(await preview(partner, key)).toEqual(NOT_FOUND);
      expect(await redeem(partner, key)).toEqual(NOT_FOUND);
    }
    expect((await errorOf(joined(partner, session.id))).message).toBe('not_invited');
  });

  it('binds a guest account as the partner, who reads the session without the host’s private data', async () => {
    const { session, invite: made } = await hosted();
    const guest = await db.createUser({ anonymous: true });
    const { meeting_token: token, ...view } = await redeem(guest, made.token, '  Grace  ');
    expect(token).toBeNull(); // the harness's session has a public room (session-rooms.test.ts has private ones)
    expect(view).toMatchObject({ id: session.id, status: 'active', host_name: 'Ada', partner_name: 'Grace' });
    expect(view.conversation_url).toBe(session.conversation_url);
    for (const secret of ['user_id', 'seconds_used', 'transcript', 'recording', 'perception_analysis', 'error']) {
      expect(view).not.toHaveProperty(secret);
    }
    expect(await joined(guest, session.id)).toEqual(view);
    // the row itself stays the host's alone
    expect(await db.asUser(guest, 'select id from public.sessions')).toEqual([]);
    expect(await json(db.asUser(guest, 'select public.my_joined_sessions() as r'))).toEqual([view]);
  });

  it('a partner without a plan for group sessions, or without any subscription, may join, and their minutes stay untouched', async () => {
    const { session, invite: made } = await hosted();
    const free = await db.createUser();
    const before = await subscriptionOf(db, free);
    expect(before.plan_id).toBe('free');
    await redeem(free, made.code);
    expect(await subscriptionOf(db, free)).toEqual(before);

    const { invite: second } = await hosted();
    const none = await db.createUser();
    await db.asOwner('delete from public.user_subscriptions where user_id = $1', [none]);
    expect((await redeem(none, second.code)).status).toBe('active');
    expect(session.status).toBe('active');
  });

  it('the host cannot redeem their own invite', async () => {
    const { host, invite: made } = await hosted();
    expect((await errorOf(preview(host, made.code))).message).toBe('invite_own_session');
    expect((await errorOf(redeem(host, made.code))).message).toBe('invite_own_session');
  });

  it('a second redemption is invite_used; the partner redeeming again gets the same session', async () => {
    const { invite: made } = await hosted();
    const [partner, late] = [await db.createUser(), await db.createUser()];
    const first = await redeem(partner, made.code);
    expect((await errorOf(redeem(late, made.code, 'Late'))).message).toBe('invite_used');
    expect((await errorOf(preview(late, made.token))).message).toBe('invite_used');
    expect(await redeem(partner, made.token, 'Another name')).toEqual(first);
    const [row] = await db.asOwner<{ partner_id: string; partner_name: string }>(
      'select partner_id, partner_name from public.session_invites',
    );
    expect(row).toEqual({ partner_id: partner, partner_name: 'Grace' });
  });

  it('an invite unjoined for 15 minutes is invite_expired (explicit timestamps), and joins nothing', async () => {
    const { invite: made } = await hosted();
    const partner = await db.createUser();
    await db.asOwner(`update public.session_invites set created_at = now() - interval '15 minutes', expires_at = now() where code = $1`, [
      made.code,
    ]);
    expect((await errorOf(preview(partner, made.code))).message).toBe('invite_expired');
    expect((await errorOf(redeem(partner, made.code))).message).toBe('invite_expired');
    await db.asOwner(`update public.session_invites set expires_at = now() + interval '1 second' where code = $1`, [made.code]);
    expect((await redeem(partner, made.code)).partner_name).toBe('Grace');
  });

  it('an invite to a session that has ended is invite_expired', async () => {
    const { host, session, invite: made } = await hosted();
    await db.asUser(host, 'select public.end_session($1)', [session.id]);
    const partner = await db.createUser();
    expect((await errorOf(redeem(partner, made.code))).message).toBe('invite_expired');
    expect(await db.asOwner('select partner_id from public.session_invites')).toEqual([{ partner_id: null }]);
  });

  it('refuses a bad partner name and changes nothing', async () => {
    const { invite: made } = await hosted();
    const partner = await db.createUser();
    expect((await errorOf(redeem(partner, made.code, '\n'))).message).toBe('invalid_name');
    expect(await db.asOwner('select redeemed_at from public.session_invites')).toEqual([{ redeemed_at: null }]);
  });

  it('anonymous visitors may not preview or redeem', async () => {
    const { invite: made } = await hosted();
    expect((await errorOf(db.asAnon('select public.preview_invite($1)', [made.code]))).code).toBe('42501');
    expect((await errorOf(db.asAnon('select public.redeem_invite($1, $2)', [made.code, 'Eve']))).code).toBe('42501');
  });
});

describe('the session together', () => {
  it('a stranger reads and ends nothing: not_invited', async () => {
    const { session } = await hosted();
    const stranger = await db.createUser();
    expect((await errorOf(joined(stranger, session.id))).message).toBe('not_invited');
    expect((await errorOf(endJoined(stranger, session.id))).message).toBe('not_invited');
    expect((await sessionRow(session.id)).status).toBe('active');
  });

  it('the partner ending ends it for both, charged once to the host', async () => {
    const { host, session, invite: made } = await hosted();
    const partner = await db.createUser();
    await redeem(partner, made.code);
    await elapse(db, session.id, 95);
    const ended = await endJoined(partner, session.id);
    expect(ended).toMatchObject({ status: 'ended', end_reason: 'partner_user_ended', conversation_url: null });
    const row = await sessionRow(session.id);
    expect(row).toMatchObject({ status: 'ended', seconds_used: 95 });
    // the host ending afterwards, and the partner again, change nothing
    await db.asUser(host, 'select public.end_session($1)', [session.id]);
    await endJoined(partner, session.id);
    expect((await usageRowsOf(db, host)).map((u) => u.seconds_used)).toEqual([95]);
    expect((await subscriptionOf(db, host)).tavus_seconds_used).toBe(95);
    expect(await usageRowsOf(db, partner)).toEqual([]);
    expect((await subscriptionOf(db, partner)).tavus_seconds_used).toBe(0);
  });

  it('the host ending ends it for the partner too', async () => {
    const { host, session, invite: made } = await hosted();
    const partner = await db.createUser();
    await redeem(partner, made.code);
    await db.asUser(host, 'select public.end_session($1)', [session.id]);
    expect(await joined(partner, session.id)).toMatchObject({ status: 'ended', tavus_conversation_id: null });
  });
});

describe('where the server owns sessions', () => {
  const serverOwned = () => db.asOwner(`update private.deployment set session_owner = 'server'`);

  it('the browser may only preview and read; the server creates, redeems and ends for the user of the jwt', async () => {
    const { host, session } = await hosted();
    await serverOwned();
    expect((await errorOf(invite(host, session.id))).message).toBe('sessions_owned_by_server');
    const made = await json<Invite>(db.asService('select public.server_create_invite($1, $2, $3) as r', [host, session.id, 'Ada']));
    const partner = await db.createUser();
    expect((await preview(partner, made.code)).host_name).toBe('Ada');
    expect((await errorOf(redeem(partner, made.code))).message).toBe('sessions_owned_by_server');
    const view = await json<PartnerView>(
      db.asService('select public.server_redeem_invite($1, $2, $3) as r', [partner, made.code, 'Grace']),
    );
    expect(view.partner_name).toBe('Grace');
    expect((await errorOf(endJoined(partner, session.id))).message).toBe('sessions_owned_by_server');
    const stranger = await db.createUser();
    expect(
      (await errorOf(db.asService('select public.server_end_joined_session($1, $2, $3)', [stranger, session.id, 'user_ended']))).message,
    ).toBe('not_invited');
    const ended = await json<PartnerView>(
      db.asService('select public.server_end_joined_session($1, $2, $3) as r', [partner, session.id, 'user_ended']),
    );
    expect(ended.status).toBe('ended');
  });

  it('the server functions refuse a user token', async () => {
    const { host, session } = await hosted();
    await serverOwned();
    const asUser = await errorOf(db.asUser(host, 'select public.server_create_invite($1, $2, $3)', [host, session.id, 'Ada']));
    expect(asUser.code).toBe('42501');
  });
});
