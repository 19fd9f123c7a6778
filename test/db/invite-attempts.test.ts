import { errorOf, setPlan, setupTestDb, startActiveSession } from './harness';

/**
 * Guessing invite codes is limited (20261203000200_invite_attempts.sql): 10 lookups of invites that
 * do not exist per user in 10 minutes, counted by the database's clock. Within a test transaction
 * now() stands still, so the window passes by moving the recorded misses back in time.
 */

const db = setupTestDb();

const NOT_FOUND = { refused: 'invite_not_found', detail: 'No invite has this link or code.' };
const json = async <T>(rows: Promise<Array<{ r: T }>>) => (await rows)[0]!.r;
const preview = (uid: string, key: string) => json<Record<string, unknown>>(db.asUser(uid, 'select public.preview_invite($1) as r', [key]));
const redeem = (uid: string, key: string) =>
  json<Record<string, unknown>>(db.asUser(uid, 'select public.redeem_invite($1, $2) as r', [key, 'Grace']));
const missesOf = async (uid: string) =>
  (await db.asOwner<{ n: number }>('select count(*)::int as n from private.invite_misses where user_id = $1', [uid]))[0]!.n;
const ageMisses = (uid: string, seconds: number) =>
  db.asOwner(`update private.invite_misses set missed_at = missed_at - make_interval(secs => $2) where user_id = $1`, [uid, seconds]);

/** A running session together with an invite; its code, and a code of the same form that names no invite. */
async function invited(): Promise<{ host: string; sessionId: string; code: string; wrong: string }> {
  const host = await db.createUser();
  await setPlan(db, host, 'pro');
  const session = await startActiveSession(db, host, 'resolve_together');
  const { code } = await json<{ code: string }>(db.asUser(host, 'select public.create_invite($1, $2) as r', [session.id, 'Ada']));
  return { host, sessionId: session.id, code, wrong: code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ' };
}

/** Ten wrong guesses, by preview and by redeem in turn: each one still answered invite_not_found. */
async function guessTenTimes(uid: string, wrong: string): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    expect(await (i % 2 ? redeem(uid, wrong) : preview(uid, wrong))).toEqual(NOT_FOUND);
  }
}

describe('the limit on wrong invite codes', () => {
  it('after 10 wrong codes the 11th lookup is refused, the right code too, and nothing is joined', async () => {
    const { sessionId, code, wrong } = await invited();
    const guesser = await db.createUser({ anonymous: true });
    await guessTenTimes(guesser, wrong);
    expect(await missesOf(guesser)).toBe(10);
    for (const attempt of [() => preview(guesser, code), () => redeem(guesser, code), () => redeem(guesser, wrong)]) {
      const refused = await errorOf(attempt());
      expect(refused.message).toBe('invite_attempts_exceeded');
      expect(refused.detail).toBe('Ten invite codes that do not exist were tried from this account in the last 10 minutes.');
    }
    // the refusals are no further misses, and the invite is still open for its partner
    expect(await missesOf(guesser)).toBe(10);
    expect(await db.asOwner('select partner_id from public.session_invites where session_id = $1', [sessionId])).toEqual([
      { partner_id: null },
    ]);
    const partner = await db.createUser();
    expect(await redeem(partner, code)).toMatchObject({ id: sessionId, partner_name: 'Grace' });
  });

  it('passes once the misses are 10 minutes old, one miss at a time', async () => {
    const { code, wrong } = await invited();
    const guesser = await db.createUser();
    await guessTenTimes(guesser, wrong);
    await ageMisses(guesser, 599);
    expect((await errorOf(preview(guesser, code))).message).toBe('invite_attempts_exceeded');
    // the oldest miss reaches 10 minutes: one lookup more, and a miss fills the window again
    await db.asOwner(
      `update private.invite_misses set missed_at = missed_at - interval '1 second'
        where id = (select min(id) from private.invite_misses where user_id = $1)`,
      [guesser],
    );
    expect(await preview(guesser, wrong)).toEqual(NOT_FOUND);
    expect((await errorOf(preview(guesser, code))).message).toBe('invite_attempts_exceeded');
    await ageMisses(guesser, 1);
    expect(await preview(guesser, code)).toMatchObject({ host_name: 'Ada', joined: false });
    expect(await redeem(guesser, code)).toMatchObject({ partner_name: 'Grace' });
  });

  it('is per user: another user, the host included, looks up as before', async () => {
    const { host, code, wrong } = await invited();
    const guesser = await db.createUser();
    await guessTenTimes(guesser, wrong);
    const other = await db.createUser();
    expect(await preview(other, wrong)).toEqual(NOT_FOUND);
    expect(await preview(other, code)).toMatchObject({ host_name: 'Ada' });
    expect((await errorOf(preview(host, code))).message).toBe('invite_own_session');
  });

  it('an invite that exists is no miss, whatever its refusal: used, expired, one’s own', async () => {
    const { host, code } = await invited();
    const partner = await db.createUser();
    await redeem(partner, code);
    const late = await db.createUser();
    for (let i = 0; i < 12; i += 1) {
      expect((await errorOf(redeem(late, code))).message).toBe('invite_used');
      expect((await errorOf(preview(host, code))).message).toBe('invite_own_session');
    }
    const ended = await invited();
    await db.asOwner(`update public.sessions set status = 'ended', ended_at = now() where id = $1`, [ended.sessionId]);
    for (let i = 0; i < 12; i += 1) expect((await errorOf(preview(late, ended.code))).message).toBe('invite_expired');
    expect(await missesOf(late)).toBe(0);
    expect(await missesOf(host)).toBe(0);
  });

  it('the server’s redeem counts the same misses, for the user it names', async () => {
    const { code, wrong } = await invited();
    const guesser = await db.createUser();
    await db.asOwner(`update private.deployment set session_owner = 'server'`);
    for (let i = 0; i < 10; i += 1) {
      expect(await json(db.asService('select public.server_redeem_invite($1, $2, $3) as r', [guesser, wrong, 'Grace']))).toEqual(NOT_FOUND);
    }
    const refused = await errorOf(db.asService('select public.server_redeem_invite($1, $2, $3)', [guesser, code, 'Grace']));
    expect(refused.message).toBe('invite_attempts_exceeded');
    expect((await errorOf(preview(guesser, code))).message).toBe('invite_attempts_exceeded');
  });

  it('no api role reads or writes the misses', async () => {
    const { wrong } = await invited();
    const guesser = await db.createUser();
    await preview(guesser, wrong);
    for (const as of [(sql: string) => db.asUser(guesser, sql), (sql: string) => db.asAnon(sql), (sql: string) => db.asService(sql)]) {
      expect((await errorOf(as('select * from private.invite_misses'))).code).toBe('42501');
      expect((await errorOf(as('delete from private.invite_misses'))).code).toBe('42501');
    }
    expect(await missesOf(guesser)).toBe(1);
  });
});
