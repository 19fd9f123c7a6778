import { endSession, errorOf, setPlan, setupTestDb, startSession, type SessionRow } from './harness';

/**
 * The private room of a session (20261203000100_session_rooms.sql): the meeting_token Tavus
 * answered the create with is kept by the database with the session, and read only by the host
 * and by the partner who redeemed the session's invite, while the session runs.
 */

const db = setupTestDb();

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoiYzEyMyJ9.c2lnbmF0dXJl';
const json = async <T>(rows: Promise<Array<{ r: T }>>) => (await rows)[0]!.r;
const room = (uid: string, sessionId: string) =>
  json<{ session_id: string; meeting_token: string | null }>(db.asUser(uid, 'select public.session_room($1) as r', [sessionId]));
const kept = async (sessionId: string) =>
  (await db.asOwner<{ meeting_token: string }>('select meeting_token from private.session_rooms where session_id = $1', [sessionId]))[0]
    ?.meeting_token;
const conversationOf = (session: SessionRow) => `c${session.id.replaceAll('-', '').slice(0, 16)}`;
const attach = (uid: string, session: SessionRow, token: string | null = TOKEN) =>
  db.asUser<SessionRow>(uid, 'select * from public.attach_conversation($1, $2, $3, $4)', [
    session.id,
    conversationOf(session),
    `https://tavus.daily.co/${conversationOf(session)}`,
    token,
  ]);

/** A host on the pro plan in a running session together in a private room, and its invite's code. */
async function privateRoom(): Promise<{ host: string; session: SessionRow; code: string }> {
  const host = await db.createUser();
  await setPlan(db, host, 'pro');
  const session = await startSession(db, host, 'resolve_together');
  await attach(host, session);
  const invite = await json<{ code: string }>(db.asUser(host, 'select public.create_invite($1, $2) as r', [session.id, 'Ada']));
  return { host, session, code: invite.code };
}

describe('keeping the room', () => {
  it('keeps the token given with the attach, for the host to read again while the session runs', async () => {
    const { host, session } = await privateRoom();
    expect(await kept(session.id)).toBe(TOKEN);
    expect(await room(host, session.id)).toEqual({ session_id: session.id, meeting_token: TOKEN });
    // attaching the same conversation again changes nothing, another token included
    await attach(host, session, 'another.token');
    expect(await kept(session.id)).toBe(TOKEN);
  });

  it('a public room (no token) keeps nothing, and reads as null', async () => {
    const host = await db.createUser();
    const session = await startSession(db, host);
    await attach(host, session, null);
    expect(await kept(session.id)).toBeUndefined();
    expect((await room(host, session.id)).meeting_token).toBeNull();
  });

  it('refuses a token that is not one and changes nothing: the session stays starting', async () => {
    const host = await db.createUser();
    const session = await startSession(db, host);
    for (const bad of ['', 'has space', 'a'.repeat(4097), 'quote"s', 'new\nline']) {
      expect((await errorOf(attach(host, session, bad))).message).toBe('invalid_argument');
    }
    const [row] = await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [session.id]);
    expect(row!.status).toBe('starting');
    expect(await kept(session.id)).toBeUndefined();
  });

  it('once the session ends the room is closed: nobody reads its token', async () => {
    const { host, session, code } = await privateRoom();
    const partner = await db.createUser();
    await db.asUser(partner, 'select public.redeem_invite($1, $2)', [code, 'Grace']);
    await endSession(db, host, session.id);
    expect((await room(host, session.id)).meeting_token).toBeNull();
    expect((await room(partner, session.id)).meeting_token).toBeNull();
  });
});

describe('who reads the token', () => {
  it('the partner gets it with the redeemed invite, again on a reload, and from session_room', async () => {
    const { session, code } = await privateRoom();
    const partner = await db.createUser({ anonymous: true });
    const joined = await json<{ id: string; meeting_token: string | null }>(
      db.asUser(partner, 'select public.redeem_invite($1, $2) as r', [code, 'Grace']),
    );
    expect(joined).toMatchObject({ id: session.id, meeting_token: TOKEN });
    const again = await json<{ meeting_token: string | null }>(
      db.asUser(partner, 'select public.redeem_invite($1, $2) as r', [code, 'Grace']),
    );
    expect(again.meeting_token).toBe(TOKEN);
    expect((await room(partner, session.id)).meeting_token).toBe(TOKEN);
    // the partner's everyday reads never carry it
    expect(await json(db.asUser(partner, 'select public.joined_session($1) as r', [session.id]))).not.toHaveProperty('meeting_token');
    expect(JSON.stringify(await db.asUser(partner, 'select public.my_joined_sessions() as r'))).not.toContain(TOKEN);
  });

  it('a partner who only previewed, a stranger, and the guest of another session read nothing', async () => {
    const { session, code } = await privateRoom();
    const previewer = await db.createUser();
    const preview = await json(db.asUser(previewer, 'select public.preview_invite($1) as r', [code]));
    expect(JSON.stringify(preview)).not.toContain(TOKEN);
    expect((await errorOf(room(previewer, session.id))).message).toBe('not_invited');

    const stranger = await db.createUser();
    expect((await errorOf(room(stranger, session.id))).message).toBe('not_invited');

    const other = await privateRoom();
    const otherGuest = await db.createUser({ anonymous: true });
    await db.asUser(otherGuest, 'select public.redeem_invite($1, $2)', [other.code, 'Linus']);
    expect((await room(otherGuest, other.session.id)).meeting_token).toBe(TOKEN);
    expect((await errorOf(room(otherGuest, session.id))).message).toBe('not_invited');
    // a session that does not exist looks the same
    expect((await errorOf(room(stranger, crypto.randomUUID()))).message).toBe('not_invited');
  });

  it('no api role reads or writes the table, and visitors may not call session_room', async () => {
    const { host, session } = await privateRoom();
    for (const as of [(sql: string) => db.asUser(host, sql), (sql: string) => db.asAnon(sql), (sql: string) => db.asService(sql)]) {
      expect((await errorOf(as('select * from private.session_rooms'))).code).toBe('42501');
      expect((await errorOf(as(`delete from private.session_rooms`))).code).toBe('42501');
    }
    expect((await errorOf(db.asAnon('select public.session_room($1)', [session.id]))).code).toBe('42501');
    expect(await kept(session.id)).toBe(TOKEN);
  });
});

describe('where the server owns sessions', () => {
  it('the server keeps the token of the conversation it created; the browser cannot attach one', async () => {
    const host = await db.createUser();
    await setPlan(db, host, 'pro');
    await db.asOwner(`update private.deployment set session_owner = 'server'`);
    const [session] = await db.asService<SessionRow>(
      `select * from public.server_start_session($1, 'resolve_together', 'p7e13c73f41f', 'r4317e64d25a')`,
      [host],
    );
    expect((await errorOf(attach(host, session!))).message).toBe('sessions_owned_by_server');
    await db.asService('select public.server_attach_conversation($1, $2, $3, $4, $5)', [
      host,
      session!.id,
      conversationOf(session!),
      `https://tavus.daily.co/${conversationOf(session!)}`,
      TOKEN,
    ]);
    expect(await kept(session!.id)).toBe(TOKEN);
    expect((await room(host, session!.id)).meeting_token).toBe(TOKEN);
    const invite = await json<{ code: string }>(
      db.asService('select public.server_create_invite($1, $2, $3) as r', [host, session!.id, 'Ada']),
    );
    const partner = await db.createUser();
    const joined = await json<{ meeting_token: string | null }>(
      db.asService('select public.server_redeem_invite($1, $2, $3) as r', [partner, invite.code, 'Grace']),
    );
    expect(joined.meeting_token).toBe(TOKEN);
    expect((await room(partner, session!.id)).meeting_token).toBe(TOKEN);
  });
});
