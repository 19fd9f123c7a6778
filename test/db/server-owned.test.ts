import {
  elapse,
  errorOf,
  PERSONA,
  REPLICA,
  setPlan,
  setupTestDb,
  startActiveSession,
  startSession,
  subscriptionOf,
  usageRowsOf,
  type SessionRow,
} from './harness';

/**
 * Who may write sessions, in each kind of deployment. private.deployment.session_owner is
 * 'browser' (local and direct modes, the default) or 'server' (proxy mode), written by the
 * database owner only.
 */

const db = setupTestDb();

async function serverOwned(): Promise<void> {
  await db.asOwner(`update private.deployment set session_owner = 'server'`);
}

const one = async (rows: Promise<SessionRow[]>) => (await rows)[0]!;
const sessionRow = (id: string) => one(db.asOwner<SessionRow>('select * from public.sessions where id = $1', [id]));
const conversationOf = (session: SessionRow) => `c${session.id.replaceAll('-', '').slice(0, 16)}`;

const server = {
  start: (uid: string, type = 'reflect_alone') =>
    one(db.asService<SessionRow>('select * from public.server_start_session($1, $2, $3, $4)', [uid, type, PERSONA, REPLICA])),
  attach: (uid: string, session: SessionRow, conversationId = conversationOf(session)) =>
    one(
      db.asService<SessionRow>('select * from public.server_attach_conversation($1, $2, $3, $4)', [
        uid,
        session.id,
        conversationId,
        `https://tavus.daily.co/${conversationId}`,
      ]),
    ),
  end: (uid: string, sessionId: string, reason = 'user_ended') =>
    one(db.asService<SessionRow>('select * from public.server_end_session($1, $2, $3)', [uid, sessionId, reason])),
  fail: (uid: string, sessionId: string) =>
    one(db.asService<SessionRow>('select * from public.server_fail_session($1, $2, $3)', [uid, sessionId, 'conversation_create_failed'])),
  callEnded: (sessionId: string, at: string | null, source = 'sweep') =>
    one(db.asService<SessionRow>('select * from public.server_call_ended($1, $2, $3)', [sessionId, at, source])),
  toCheck: async (uid: string | null) =>
    (
      await db.asService<{ calls: Array<{ session_id: string; conversation_id: string; conversation_name: string }> }>(
        'select public.server_calls_to_check($1, 100) as calls',
        [uid],
      )
    )[0]!.calls,
};

async function serverCall(uid: string): Promise<SessionRow> {
  return server.attach(uid, await server.start(uid));
}

function shutdown(conversationId: string, extra: object = {}) {
  return one(
    db.asService<SessionRow>('select * from public.record_tavus_event($1, $2)', [
      conversationId,
      {
        event_type: 'system.shutdown',
        conversation_id: conversationId,
        properties: { shutdown_reason: 'participant_left_timeout' },
        ...extra,
      },
    ]),
  );
}

const plus = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

describe('a deployment where browsers write sessions (local and direct modes)', () => {
  it('is the default, and keeps the browser path working end to end', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 20);
    expect(await one(db.asUser<SessionRow>(uid, 'select * from public.end_session($1)', [session.id]))).toMatchObject({
      status: 'ended',
      seconds_used: 20,
    });
    const reserved = await startSession(db, await db.createUser());
    expect(reserved.status).toBe('starting');
  });

  it('refuses the server functions: the server cannot vouch for sessions browsers write', async () => {
    const uid = await db.createUser();
    expect((await errorOf(server.start(uid))).message).toBe('deployment_not_proxy');
    expect((await errorOf(server.toCheck(null))).message).toBe('deployment_not_proxy');
    expect(await db.asOwner('select 1 from public.sessions where user_id = $1', [uid])).toEqual([]);
  });
});

describe('a deployment where the server owns sessions (proxy mode)', () => {
  beforeEach(serverOwned);

  it('refuses every browser session function, changing nothing (ending a call behind the proxy)', async () => {
    const uid = await db.createUser();
    const session = await serverCall(uid);
    const calls = [
      () => db.asUser(uid, 'select public.start_session($1, $2, $3)', ['reflect_alone', PERSONA, REPLICA]),
      () =>
        db.asUser(uid, 'select public.attach_conversation($1, $2, $3)', [
          session.id,
          'cforeign00001',
          'https://tavus.daily.co/cforeign00001',
        ]),
      () => db.asUser(uid, 'select public.end_session($1, $2)', [session.id, 'user_ended']),
      () => db.asUser(uid, 'select public.fail_session($1, $2)', [session.id, 'gave up']),
    ];
    for (const call of calls) expect((await errorOf(call())).message).toBe('sessions_owned_by_server');
    expect(await sessionRow(session.id)).toEqual(session);
    expect(await usageRowsOf(db, uid)).toEqual([]);
  });

  it('does not let a user attach a conversation id seen elsewhere to a session of theirs', async () => {
    const victim = await db.createUser();
    const theirs = await serverCall(victim);
    const attacker = await db.createUser();
    const mine = await server.start(attacker);
    const error = await errorOf(
      db.asUser(attacker, 'select public.attach_conversation($1, $2, $3)', [
        mine.id,
        theirs.tavus_conversation_id,
        'https://tavus.daily.co/x',
      ]),
    );
    expect(error.message).toBe('sessions_owned_by_server');
    expect((await sessionRow(mine.id)).tavus_conversation_id).toBeNull();
  });

  it('lets the server run the whole lifecycle for the user it names, and no other', async () => {
    const uid = await db.createUser();
    const other = await db.createUser();
    const session = await serverCall(uid);
    expect(session).toMatchObject({ user_id: uid, status: 'active', persona_id: PERSONA });
    expect((await errorOf(server.end(other, session.id))).message).toBe('session_not_found');
    await elapse(db, session.id, 75);
    expect(await server.end(uid, session.id)).toMatchObject({ status: 'ended', seconds_used: 75, end_reason: 'user_ended' });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(75);

    const failing = await server.start(other);
    expect(await server.fail(other, failing.id)).toMatchObject({ status: 'failed', seconds_used: 0 });
  });

  it('refuses the server functions to user and visitor tokens, and a missing user', async () => {
    const uid = await db.createUser();
    const sql = 'select public.server_start_session($1, $2, $3, $4)';
    const args = [uid, 'reflect_alone', PERSONA, REPLICA];
    expect((await errorOf(db.asUser(uid, sql, args))).message).toMatch(/permission denied/);
    expect((await errorOf(db.asAnon(sql, args))).message).toMatch(/permission denied/);
    expect((await errorOf(db.asService(sql, [null, 'reflect_alone', PERSONA, REPLICA]))).message).toBe('invalid_argument');
    expect((await errorOf(db.asUser(uid, 'select public.server_call_ended($1, null, $2)', [uid, 'sweep']))).message).toMatch(
      /permission denied/,
    );
  });

  it("keeps the user's one slot while a call of an ended session has not been seen to stop", async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const first = await serverCall(uid);
    await elapse(db, first.id, 30);
    await server.end(uid, first.id);
    // Tavus did not confirm the end: the call may still run, and bill
    expect((await errorOf(server.start(uid))).message).toBe('session_already_active');
    expect(await server.toCheck(uid)).toMatchObject([
      { session_id: first.id, conversation_id: first.tavus_conversation_id, conversation_name: first.conversation_name },
    ]);

    // the sweep finds it still running 50 seconds later and ends it: the session is charged to then
    await elapse(db, first.id, 50);
    const settled = await server.callEnded(first.id, plus((await sessionRow(first.id)).started_at!, 80));
    expect(settled).toMatchObject({ status: 'ended', seconds_used: 80 });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(80);
    expect(await server.toCheck(uid)).toEqual([]);
    expect((await server.start(uid)).status).toBe('starting');
  });

  it("frees the slot without a further charge once Tavus confirms the server's end", async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const first = await serverCall(uid);
    await elapse(db, first.id, 30);
    await server.end(uid, first.id);
    await server.callEnded(first.id, null, 'server_end');
    expect((await server.start(uid)).status).toBe('starting');
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(30);
  });

  it('keeps the slot after the sweep closed a session past its cap, until its call is seen to stop', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const first = await serverCall(uid);
    await elapse(db, first.id, 1800 + 121);
    await db.asService('select public.expire_stale_sessions()');
    expect((await sessionRow(first.id)).status).toBe('ended');
    expect((await errorOf(server.start(uid))).message).toBe('session_already_active');
    await shutdown(first.tavus_conversation_id!);
    expect((await server.start(uid)).status).toBe('starting');
    // a call never costs more than its cap
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(1800);
  });

  it('refuses a bad source or a missing session when the server reports a call ended', async () => {
    const uid = await db.createUser();
    const session = await serverCall(uid);
    expect((await errorOf(server.callEnded(session.id, null, 'shutdown'))).message).toBe('invalid_argument');
    expect((await errorOf(server.callEnded('00000000-0000-4000-8000-000000000000', null))).message).toBe('session_not_found');
    expect(await sessionRow(session.id)).toEqual(session);
  });
});

describe('the deployment setting', () => {
  it('can be read or changed by no api role', async () => {
    const uid = await db.createUser();
    for (const attempt of [
      () => db.asUser(uid, `update private.deployment set session_owner = 'browser'`),
      () => db.asService(`update private.deployment set session_owner = 'browser'`),
      () => db.asAnon('select * from private.deployment'),
      () => db.asService('select * from private.session_calls'),
    ]) {
      expect((await errorOf(attempt())).message).toMatch(/permission denied/);
    }
  });

  it('accepts only browser or server, in one row', async () => {
    expect((await errorOf(db.asOwner(`update private.deployment set session_owner = 'anyone'`))).message).toMatch(/check constraint/);
    expect((await errorOf(db.asOwner('insert into private.deployment (singleton) values (false)'))).message).toMatch(/check constraint/);
    expect(await db.asOwner('select session_owner from private.deployment')).toEqual([{ session_owner: 'browser' }]);
  });
});

describe('the time of a Tavus event', () => {
  it('charges a shutdown up to the timestamp Tavus sent, and sets joined_at from replica_joined', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 300);
    const { started_at: startedAt } = await sessionRow(session.id);
    const joined = await one(
      db.asService<SessionRow>('select * from public.record_tavus_event($1, $2)', [
        session.tavus_conversation_id,
        { event_type: 'system.replica_joined', timestamp: plus(startedAt!, 4) },
      ]),
    );
    expect(new Date(joined.joined_at!).toISOString()).toBe(plus(startedAt!, 4));
    // Tavus's own format: microseconds and a Z
    const ended = await shutdown(session.tavus_conversation_id!, { timestamp: plus(startedAt!, 125).replace('Z', '123Z') });
    expect(ended).toMatchObject({ status: 'ended', seconds_used: 126 });
    expect(new Date(ended.ended_at!).getTime()).toBe(new Date(startedAt!).getTime() + 125_000);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(126);
  });

  it.each([
    ['in the future', (startedAt: string) => plus(startedAt, 3600)],
    ['before the session started', (startedAt: string) => plus(startedAt, -60)],
    ['not a time', () => 'yesterday'],
    ['an impossible date', () => '2025-13-45T06:48:37Z'],
  ])('uses the receipt time for a timestamp %s', async (_what, timestamp) => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 200);
    const { started_at: startedAt } = await sessionRow(session.id);
    expect(await shutdown(session.tavus_conversation_id!, { timestamp: timestamp(startedAt!) })).toMatchObject({
      status: 'ended',
      seconds_used: 200,
    });
  });

  it('reads a timestamp without a zone as UTC, whatever the database time zone', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 200);
    await db.asOwner(`set local timezone = 'America/New_York'`);
    const { started_at: startedAt } = await sessionRow(session.id);
    const ended = await shutdown(session.tavus_conversation_id!, { timestamp: plus(startedAt!, 90).replace('Z', '') });
    expect(ended.seconds_used).toBe(90);
  });
});
