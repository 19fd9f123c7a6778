import {
  elapse,
  endSession,
  errorOf,
  PERSONA,
  REPLICA,
  startActiveSession,
  startSession,
  subscriptionOf,
  usageRowsOf,
  setupTestDb,
  type SessionRow,
  type TestDb,
} from './harness';

// Every way a caller could try to get minutes for free, spend someone else's, or read what is not
// theirs (the defects of the apps this one replaces), each shown failing and changing nothing.

const db = setupTestDb();

const PERMISSION_DENIED = '42501';

interface World {
  me: string;
  other: string;
  mySession: SessionRow;
  otherSession: SessionRow;
}

/** Two users, each in a live call that has run for 60 seconds. */
async function world(): Promise<World> {
  const me = await db.createUser();
  const other = await db.createUser();
  const mySession = await startActiveSession(db, me);
  const otherSession = await startActiveSession(db, other);
  await elapse(db, mySession.id, 60);
  await elapse(db, otherSession.id, 60);
  await db.asOwner('update public.user_subscriptions set tavus_seconds_used = 700 where user_id = any($1)', [[me, other]]);
  await db.asOwner(
    `insert into public.personas (owner_id, persona_name, tavus_persona_id) values ($1, 'Mine', 'p1'), ($2, 'Theirs', 'p2')`,
    [me, other],
  );
  return { me, other, mySession, otherSession };
}

async function snapshot(database: TestDb) {
  return database.asOwner(`
    select (select json_agg(s order by user_id) from public.user_subscriptions s) as subscriptions,
           (select json_agg(x order by id) from public.sessions x) as sessions,
           (select json_agg(u order by id) from public.tavus_usage u) as usage,
           (select json_agg(p order by id) from public.plans p) as plans,
           (select json_agg(p order by id) from public.personas p) as personas`);
}

async function expectDenied(attempt: Promise<unknown>): Promise<void> {
  const error = await errorOf(attempt);
  expect(error.code).toBe(PERMISSION_DENIED);
}

describe('attacks', () => {
  describe('writing limits and usage directly, as a signed-in user', () => {
    it.each([
      ['raise the own minutes limit', `update public.user_subscriptions set tavus_minutes_limit = 999999 where user_id = auth.uid()`],
      ['reset the own usage', `update public.user_subscriptions set tavus_seconds_used = 0 where user_id = auth.uid()`],
      ['set the own usage negative', `update public.user_subscriptions set tavus_seconds_used = -100000 where user_id = auth.uid()`],
      ['switch the own plan to pro', `update public.user_subscriptions set plan_id = 'pro' where user_id = auth.uid()`],
      ['push the own period end into the future', `update public.user_subscriptions set period_end = now() + interval '10 years'`],
      ["reset another user's usage", `update public.user_subscriptions set tavus_seconds_used = 0 where user_id <> auth.uid()`],
      [
        'create a second subscription',
        `insert into public.user_subscriptions (user_id, plan_id, period_start, period_end, tavus_minutes_limit) values (auth.uid(), 'pro', now(), now() + interval '1 year', 999999)`,
      ],
      ['delete the own subscription', `delete from public.user_subscriptions where user_id = auth.uid()`],
      ['truncate subscriptions', `truncate public.user_subscriptions`],
      ['give the free plan more minutes', `update public.plans set monthly_minutes = 999999 where id = 'free'`],
      ['invent a plan', `insert into public.plans (id, name, monthly_minutes, max_session_seconds) values ('mine', 'Mine', 999999, 3600)`],
      ['delete a plan', `delete from public.plans where id = 'free'`],
      [
        'forge a negative usage row',
        `insert into public.tavus_usage (user_id, session_id, seconds_used) select auth.uid(), id, -500 from public.sessions where user_id = auth.uid()`,
      ],
      [
        'forge a usage row charged to another user',
        `insert into public.tavus_usage (user_id, session_id, seconds_used) select user_id, id, 3600 from public.sessions`,
      ],
      ['zero the own usage rows', `update public.tavus_usage set seconds_used = 0`],
      ['delete the own usage rows', `delete from public.tavus_usage`],
      ['truncate usage', `truncate public.tavus_usage`],
      [
        'insert a session without start_session',
        `insert into public.sessions (user_id, session_type, persona_id, conversation_name, max_call_duration, status, started_at) values (auth.uid(), 'reflect_alone', 'p1', 'x', 3600, 'active', now())`,
      ],
      [
        'end the own session uncharged',
        `update public.sessions set status = 'ended', ended_at = now(), seconds_used = 0 where user_id = auth.uid()`,
      ],
      ['move the own start time forward', `update public.sessions set started_at = now() where user_id = auth.uid()`],
      ['lengthen the own call cap', `update public.sessions set max_call_duration = 3600 where user_id = auth.uid()`],
      ['delete the own sessions (and their usage by cascade)', `delete from public.sessions where user_id = auth.uid()`],
      ['truncate sessions', `truncate public.sessions cascade`],
      ['write a persona directly', `insert into public.personas (owner_id, persona_name) values (auth.uid(), 'x')`],
      ["rename another owner's persona", `update public.personas set persona_name = 'pwned'`],
      ['create a table in public', `create table public.shadow (id int)`],
      [
        'create a function in public that shadows a helper',
        `create function public.now() returns timestamptz language sql as 'select now()'`,
      ],
    ])('%s: refused, nothing changes', async (_label, sql) => {
      const { me } = await world();
      const before = await snapshot(db);
      await expectDenied(db.asUser(me, sql));
      expect(await snapshot(db)).toEqual(before);
    });

    it('an anonymous (guest) user is held to the same rules', async () => {
      const guest = await db.createUser({ anonymous: true });
      await expectDenied(db.asUser(guest, `update public.user_subscriptions set tavus_minutes_limit = 999999`));
      expect((await subscriptionOf(db, guest)).tavus_minutes_limit).toBe(25);
    });
  });

  describe("reading another user's data, as a signed-in user", () => {
    it.each([
      ['sessions', 'select user_id from public.sessions'],
      ['usage', 'select user_id from public.tavus_usage'],
      ['subscriptions', 'select user_id from public.user_subscriptions'],
      ['personas', 'select owner_id as user_id from public.personas'],
      ['my_usage', 'select user_id from public.my_usage'],
    ])('%s: only the own rows come back', async (_label, sql) => {
      const { me, other, mySession } = await world();
      await endSession(db, me, mySession.id);
      await db.asOwner(`update public.sessions set status = 'ended', ended_at = now() where user_id = $1`, [other]);
      await db.asOwner(
        `insert into public.tavus_usage (user_id, session_id, seconds_used) select user_id, id, 60 from public.sessions where user_id = $1`,
        [other],
      );
      const rows = await db.asUser<{ user_id: string }>(me, sql);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.user_id === me)).toBe(true);
      expect(await db.asUser(me, `${sql} where ${sql.includes('personas') ? 'owner_id' : 'user_id'} = $1`, [other])).toEqual([]);
    });

    it("cannot read another user's session by id", async () => {
      const { me, otherSession } = await world();
      expect(await db.asUser(me, 'select * from public.sessions where id = $1', [otherSession.id])).toEqual([]);
    });
  });

  describe("acting on another user's session", () => {
    it.each([
      ['end it (and charge its owner now)', 'select public.end_session($1)', (id: string) => [id]],
      ['end it with a reason', 'select public.end_session($1, $2)', (id: string) => [id, 'user_ended']],
      [
        'attach a conversation to it',
        'select public.attach_conversation($1, $2, $3)',
        (id: string) => [id, 'c999', 'https://tavus.daily.co/c999'],
      ],
      ['fail it', 'select public.fail_session($1, $2)', (id: string) => [id, 'boom']],
    ])('%s: session_not_found, nothing changes', async (_label, sql, args) => {
      const { me, otherSession } = await world();
      const before = await snapshot(db);
      expect((await errorOf(db.asUser(me, sql, args(otherSession.id)))).message).toBe('session_not_found');
      expect(await snapshot(db)).toEqual(before);
    });

    it("attaching another user's conversation id to my session is refused", async () => {
      const me = await db.createUser();
      const { otherSession } = await world();
      const mine = await startSession(db, me);
      const error = await errorOf(
        db.asUser(me, 'select public.attach_conversation($1, $2, $3)', [
          mine.id,
          otherSession.tavus_conversation_id,
          'https://tavus.daily.co/x',
        ]),
      );
      expect(error.message).toBe('conversation_already_attached');
    });

    it('start_session takes the user from the token, never from an argument', async () => {
      const { other } = await world();
      const me = await db.createUser();
      const error = await errorOf(db.asUser(me, 'select public.start_session($1, $2, $3, $4)', ['reflect_alone', PERSONA, REPLICA, other]));
      expect(error.message).toMatch(/function public.start_session\(.*\) does not exist/);
      expect((await startSession(db, me)).user_id).toBe(me);
    });
  });

  describe('dodging the charge, as a signed-in user', () => {
    it('failing an active session to avoid the charge is refused', async () => {
      const { me, mySession } = await world();
      expect((await errorOf(db.asUser(me, 'select public.fail_session($1, $2)', [mySession.id, 'oops']))).message).toBe(
        'session_not_starting',
      );
      expect((await endSession(db, me, mySession.id)).seconds_used).toBe(60);
    });

    it('re-attaching a new conversation to a live session (restarting its clock) is refused', async () => {
      const { me, mySession } = await world();
      const error = await errorOf(
        db.asUser(me, 'select public.attach_conversation($1, $2, $3)', [mySession.id, 'c-new', 'https://tavus.daily.co/c-new']),
      );
      expect(error.message).toBe('session_not_starting');
    });

    it('ending twice, with different reasons, charges once', async () => {
      const { me, mySession } = await world();
      await endSession(db, me, mySession.id);
      await endSession(db, me, mySession.id, 'tab_closed');
      expect(await usageRowsOf(db, me)).toHaveLength(1);
      expect((await subscriptionOf(db, me)).tavus_seconds_used).toBe(760);
    });

    it('a JWT without a user is refused: not_authenticated', async () => {
      const error = await errorOf(
        (async () => {
          await db.pg.exec('savepoint nosub');
          try {
            await db.pg.exec(`set local role authenticated; select set_config('request.jwt.claims', '{"role":"authenticated"}', true)`);
            await db.pg.query(`select public.start_session('reflect_alone', 'p1', null)`);
          } finally {
            await db.pg.exec('rollback to savepoint nosub; release savepoint nosub');
          }
        })(),
      );
      expect(error.message).toBe('not_authenticated');
    });
  });

  describe('server-only and internal functions', () => {
    it.each([
      ['record a shutdown for any conversation', `select public.record_tavus_event('c1', '{"event_type":"system.shutdown"}')`],
      ["sweep every user's sessions", 'select public.expire_stale_sessions()'],
    ])('a signed-in user cannot %s', async (_label, sql) => {
      const { me } = await world();
      await expectDenied(db.asUser(me, sql));
    });

    it.each([
      ['the charging function', `select private.close_session(gen_random_uuid(), 'x', null)`],
      ['the subscription roll-forward', 'select private.lock_subscription(auth.uid())'],
      ['the sign-up trigger function', 'select private.create_free_subscription()'],
    ])('a signed-in user cannot call %s', async (_label, sql) => {
      const { me } = await world();
      await expectDenied(db.asUser(me, sql));
    });

    it('the service role cannot call the charging function either', async () => {
      await expectDenied(db.asService(`select private.close_session(gen_random_uuid(), 'x', null)`));
    });

    it('a service-only function refuses a user token even if execute were granted', async () => {
      const { me } = await world();
      await db.asOwner('grant execute on function public.expire_stale_sessions() to authenticated');
      expect((await errorOf(db.asUser(me, 'select public.expire_stale_sessions()'))).message).toBe('forbidden');
    });
  });

  describe('visitors (anon)', () => {
    it.each(['sessions', 'tavus_usage', 'user_subscriptions', 'personas', 'my_usage'])('cannot read %s', async (table) => {
      await world();
      await expectDenied(db.asAnon(`select * from public.${table}`));
    });

    it.each([
      ['start_session', `select public.start_session('reflect_alone', 'p1', 'r1')`],
      ['attach_conversation', `select public.attach_conversation(gen_random_uuid(), 'c1', 'https://x.test')`],
      ['end_session', 'select public.end_session(gen_random_uuid())'],
      ['fail_session', `select public.fail_session(gen_random_uuid(), 'x')`],
      ['record_tavus_event', `select public.record_tavus_event('c1', '{}')`],
      ['expire_stale_sessions', 'select public.expire_stale_sessions()'],
      ['private.close_session', `select private.close_session(gen_random_uuid(), 'x', null)`],
    ])('cannot call %s', async (_label, sql) => {
      await expectDenied(db.asAnon(sql));
    });

    it.each([
      ['change a plan', `update public.plans set monthly_minutes = 0`],
      [
        'insert a session',
        `insert into public.sessions (user_id, session_type, persona_id, conversation_name, max_call_duration) values (gen_random_uuid(), 'reflect_alone', 'p', 'x', 1)`,
      ],
      [
        'insert usage',
        `insert into public.tavus_usage (user_id, session_id, seconds_used) values (gen_random_uuid(), gen_random_uuid(), 1)`,
      ],
    ])('cannot %s', async (_label, sql) => {
      await expectDenied(db.asAnon(sql));
    });
  });

  describe('hostile arguments', () => {
    it.each([
      ['a session type carrying sql', `reflect_alone'; drop table public.sessions; --`, PERSONA, REPLICA],
      ['an unknown session type', 'group_therapy', PERSONA, REPLICA],
      ['a persona id carrying sql', 'reflect_alone', `p1' or '1'='1`, REPLICA],
      ['an empty persona id', 'reflect_alone', '', REPLICA],
      ['a null persona id', 'reflect_alone', null, REPLICA],
      ['a huge persona id', 'reflect_alone', 'p'.repeat(10_000), REPLICA],
      ['a replica id carrying sql', 'reflect_alone', PERSONA, `r1); delete from public.tavus_usage; --`],
    ])('start_session with %s: invalid_argument, nothing written', async (_label, type, persona, replica) => {
      const me = await db.createUser();
      const error = await errorOf(db.asUser(me, 'select public.start_session($1, $2, $3)', [type, persona, replica]));
      expect(error.message).toBe('invalid_argument');
      expect(await db.asOwner('select 1 from public.sessions where user_id = $1', [me])).toEqual([]);
    });

    it.each([
      [
        'a conversation id carrying sql',
        `c1'; update public.user_subscriptions set tavus_seconds_used = 0; --`,
        'https://tavus.daily.co/c1',
      ],
      ['a javascript: url', 'c1', 'javascript:alert(document.cookie)'],
      ['a url with spaces', 'c1', 'https://tavus.daily.co/c1 onerror=alert(1)'],
      ['a null url', 'c1', null],
    ])('attach_conversation with %s: invalid_argument', async (_label, conversationId, url) => {
      const me = await db.createUser();
      const session = await startSession(db, me);
      const error = await errorOf(db.asUser(me, 'select public.attach_conversation($1, $2, $3)', [session.id, conversationId, url]));
      expect(error.message).toBe('invalid_argument');
      const [row] = await db.asOwner<SessionRow>('select status from public.sessions where id = $1', [session.id]);
      expect(row!.status).toBe('starting');
    });

    it.each([
      ['a reason carrying sql', `user_ended'; update public.user_subscriptions set tavus_seconds_used = 0; --`],
      ['an empty reason', ''],
      ['a null reason', null],
    ])('end_session with %s: invalid_argument, the session stays open', async (_label, reason) => {
      const { me, mySession } = await world();
      const error = await errorOf(db.asUser(me, 'select public.end_session($1, $2)', [mySession.id, reason]));
      expect(error.message).toBe('invalid_argument');
      expect((await subscriptionOf(db, me)).tavus_seconds_used).toBe(700);
    });

    it('a session id that is not a uuid is refused by its type', async () => {
      const me = await db.createUser();
      const error = await errorOf(db.asUser(me, 'select public.end_session($1)', [`' or 1=1 --`]));
      expect(error.message).toMatch(/invalid input syntax for type uuid/);
    });
  });
});
