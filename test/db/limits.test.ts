import {
  elapse,
  endSession,
  errorOf,
  PERSONA,
  REPLICA,
  setPlan,
  startActiveSession,
  startSession,
  subscriptionOf,
  usageRowsOf,
  setupTestDb,
  type SessionRow,
} from './harness';

const db = setupTestDb();

describe('plans and subscriptions', () => {
  it('seeds free, growth and pro, readable by visitors and users', async () => {
    const plans = await db.asAnon(
      'select id, monthly_minutes, max_session_seconds, solo_sessions_per_day, group_sessions from public.plans order by monthly_minutes',
    );
    expect(plans).toEqual([
      { id: 'free', monthly_minutes: 25, max_session_seconds: 600, solo_sessions_per_day: 1, group_sessions: false },
      { id: 'growth', monthly_minutes: 300, max_session_seconds: 1800, solo_sessions_per_day: null, group_sessions: false },
      { id: 'pro', monthly_minutes: 1000, max_session_seconds: 3600, solo_sessions_per_day: null, group_sessions: true },
    ]);
  });

  it.each([
    ['a new user', false],
    ['an anonymous user', true],
  ])('gives %s the free plan for the current UTC month', async (_label, anonymous) => {
    const uid = await db.createUser({ anonymous });
    const [sub] = await db.asUser(uid, 'select * from public.user_subscriptions');
    const [month] = await db.asOwner<{ start: Date; end: Date }>(
      `select date_trunc('month', now() at time zone 'utc') at time zone 'utc' as start,
              (date_trunc('month', now() at time zone 'utc') + interval '1 month') at time zone 'utc' as end`,
    );
    expect(sub).toMatchObject({ plan_id: 'free', status: 'active', tavus_minutes_limit: 25, tavus_seconds_used: 0 });
    expect(sub!.period_start).toEqual(month!.start);
    expect(sub!.period_end).toEqual(month!.end);
  });

  it('shows the user plan, usage and seconds left in my_usage', async () => {
    const uid = await db.createUser();
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = 100 where user_id = $1', [uid]);
    const rows = await db.asUser(uid, 'select plan_id, seconds_left, tavus_seconds_used, solo_sessions_today from public.my_usage');
    expect(rows).toEqual([{ plan_id: 'free', seconds_left: 1400, tavus_seconds_used: 100, solo_sessions_today: 0 }]);
  });
});

describe('start_session', () => {
  it('reserves a starting session named after its type and id, capped by the plan', async () => {
    const uid = await db.createUser();
    const session = await startSession(db, uid);
    expect(session).toMatchObject({
      user_id: uid,
      status: 'starting',
      session_type: 'reflect_alone',
      persona_id: PERSONA,
      replica_id: REPLICA,
      max_call_duration: 600,
      conversation_name: `awaknow_reflect_alone_${session.id}`,
      seconds_used: 0,
    });
    expect(session.started_at).toBeNull();
  });

  it('accepts a missing replica (the persona default is used)', async () => {
    const uid = await db.createUser();
    const [session] = await db.asUser<SessionRow>(uid, `select * from public.start_session('reflect_alone', $1)`, [PERSONA]);
    expect(session!.replica_id).toBeNull();
  });

  it('caps max_call_duration at the seconds left when they are fewer than the plan cap', async () => {
    const uid = await db.createUser();
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = 1300 where user_id = $1', [uid]);
    expect((await startSession(db, uid)).max_call_duration).toBe(200);
  });

  it('uses the plan cap when plenty of minutes are left', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'pro');
    expect((await startSession(db, uid)).max_call_duration).toBe(3600);
  });

  it.each([
    ['no seconds left', 25, 1500],
    ['fewer than 30 seconds left', 25, 1471],
    ['more used than the limit (the limit was lowered)', 20, 1500],
  ])('refuses with usage_limit_reached when %s', async (_label, minutes, used) => {
    const uid = await db.createUser();
    await db.asOwner('update public.user_subscriptions set tavus_minutes_limit = $2, tavus_seconds_used = $3 where user_id = $1', [
      uid,
      minutes,
      used,
    ]);
    const error = await errorOf(startSession(db, uid));
    expect(error.message).toBe('usage_limit_reached');
    expect(error.detail).toMatch(/seconds left/);
    expect(await db.asOwner('select 1 from public.sessions where user_id = $1', [uid])).toHaveLength(0);
  });

  it('starts with exactly 30 seconds left, for 30 seconds', async () => {
    const uid = await db.createUser();
    await db.asOwner('update public.user_subscriptions set tavus_seconds_used = 1470 where user_id = $1', [uid]);
    expect((await startSession(db, uid)).max_call_duration).toBe(30);
  });

  it('refuses a second start while one is starting, then while one is active: session_already_active', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const first = await startSession(db, uid);
    expect((await errorOf(startSession(db, uid))).message).toBe('session_already_active');
    await db.asUser(uid, 'select public.attach_conversation($1, $2, $3)', [first.id, 'c1', 'https://tavus.daily.co/c1']);
    expect((await errorOf(startSession(db, uid))).message).toBe('session_already_active');
    await endSession(db, uid, first.id);
    expect((await startSession(db, uid)).status).toBe('starting');
  });

  it("closes the caller's own session left open past its cap and grace, charging the cap, then starts", async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const lost = await startActiveSession(db, uid);
    await elapse(db, lost.id, 1800 + 121);
    const next = await startSession(db, uid);
    const [old] = await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [lost.id]);
    expect(old).toMatchObject({ status: 'ended', end_reason: 'expired', seconds_used: 1800 });
    expect(next.max_call_duration).toBe(1800);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(1800);
  });

  it('still refuses while the open session is within its cap and grace', async () => {
    const uid = await db.createUser();
    const open = await startActiveSession(db, uid);
    await elapse(db, open.id, 600 + 119);
    expect((await errorOf(startSession(db, uid))).message).toBe('session_already_active');
  });

  it("fails the caller's own reservation left starting for 10 minutes, then starts", async () => {
    const uid = await db.createUser();
    const stuck = await startSession(db, uid);
    await elapse(db, stuck.id, 601);
    expect((await startSession(db, uid)).status).toBe('starting');
    const [old] = await db.asOwner<SessionRow>('select status, seconds_used from public.sessions where id = $1', [stuck.id]);
    expect(old).toEqual({ status: 'failed', seconds_used: 0 });
  });

  it('lets different users run sessions at the same time', async () => {
    const a = await db.createUser();
    const b = await db.createUser();
    await startSession(db, a);
    expect((await startSession(db, b)).user_id).toBe(b);
  });

  it('refuses a second solo session on the same day on the free plan: daily_limit_reached', async () => {
    const uid = await db.createUser();
    const first = await startActiveSession(db, uid);
    await endSession(db, uid, first.id);
    const error = await errorOf(startSession(db, uid));
    expect(error.message).toBe('daily_limit_reached');
    expect(await db.asOwner('select 1 from public.sessions where user_id = $1', [uid])).toHaveLength(1);
  });

  it('does not count failed sessions or sessions of earlier days toward the daily limit', async () => {
    const uid = await db.createUser();
    const failed = await startSession(db, uid);
    await db.asUser(uid, 'select public.fail_session($1, $2)', [failed.id, 'Tavus returned 500']);
    const yesterday = await startSession(db, uid);
    await endSession(db, uid, yesterday.id);
    await db.asOwner(`update public.sessions set created_at = created_at - interval '1 day' where id = $1`, [yesterday.id]);
    expect((await startSession(db, uid)).status).toBe('starting');
  });

  it('has no daily limit on growth', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    for (let i = 0; i < 3; i += 1) {
      const session = await startActiveSession(db, uid);
      await endSession(db, uid, session.id);
    }
    expect(await db.asUser(uid, 'select 1 from public.sessions')).toHaveLength(3);
  });

  it('allows resolve_together only on a plan with group sessions', async () => {
    const uid = await db.createUser();
    expect((await errorOf(startSession(db, uid, 'resolve_together'))).message).toBe('session_type_not_allowed');
    await setPlan(db, uid, 'pro');
    expect((await startSession(db, uid, 'resolve_together')).conversation_name).toMatch(/^awaknow_resolve_together_/);
  });

  it('refuses an inactive subscription', async () => {
    const uid = await db.createUser();
    await db.asOwner(`update public.user_subscriptions set status = 'canceled' where user_id = $1`, [uid]);
    expect((await errorOf(startSession(db, uid))).message).toBe('subscription_inactive');
  });

  it('starts a new billing period from zero once the old one has ended', async () => {
    const uid = await db.createUser();
    await db.asOwner(
      `update public.user_subscriptions
          set period_start = period_start - interval '2 months', period_end = period_start - interval '1 month',
              tavus_seconds_used = 1500
        where user_id = $1`,
      [uid],
    );
    expect((await startSession(db, uid)).max_call_duration).toBe(600);
    const sub = await subscriptionOf(db, uid);
    expect(sub.tavus_seconds_used).toBe(0);
    const [now] = await db.asOwner<{ now: Date }>('select now()');
    expect(sub.period_start.valueOf()).toBeLessThanOrEqual(now!.now.valueOf());
    expect(sub.period_end.valueOf()).toBeGreaterThan(now!.now.valueOf());
  });

  it('refuses a caller without a user: not_authenticated', async () => {
    // a token of the authenticated role that names no user reaches the function's own check
    await db.pg.exec(
      `savepoint no_user; set local role authenticated; select set_config('request.jwt.claims', '{"role":"authenticated"}', true)`,
    );
    const error = await errorOf(db.pg.query('select public.start_session($1, $2, $3)', ['reflect_alone', PERSONA, REPLICA]));
    await db.pg.exec('rollback to savepoint no_user; release savepoint no_user');
    expect(error.message).toBe('not_authenticated');
    // the service role may not call it at all: Supabase grants it nothing the migrations do not
    const service = await errorOf(db.asService('select public.start_session($1, $2, $3)', ['reflect_alone', PERSONA, REPLICA]));
    expect(service).toMatchObject({ code: '42501' });
  });
});

describe('charging', () => {
  it('charges the server-measured seconds, rounded up, and the usage lands', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 95.2);
    const ended = await endSession(db, uid, session.id);
    expect(ended).toMatchObject({ status: 'ended', seconds_used: 96, end_reason: 'user_ended' });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(96);
    expect(await usageRowsOf(db, uid)).toEqual([
      expect.objectContaining({ session_id: session.id, seconds_used: 96, persona_id: PERSONA }),
    ]);
    const [mine] = await db.asUser(uid, 'select seconds_left from public.my_usage');
    expect(mine).toEqual({ seconds_left: 1500 - 96 });
  });

  it('counts a 20-second session as 20 seconds, not zero minutes', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 20);
    expect((await endSession(db, uid, session.id)).seconds_used).toBe(20);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(20);
  });

  it('caps the charge at max_call_duration', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 5000);
    expect((await endSession(db, uid, session.id)).seconds_used).toBe(600);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(600);
  });

  it('charges once across repeated ends; a later shutdown settles the call at its real length, once', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 42);
    await endSession(db, uid, session.id);
    await elapse(db, session.id, 100);
    const again = await endSession(db, uid, session.id, 'tab_closed');
    expect(again).toMatchObject({ seconds_used: 42, end_reason: 'user_ended' });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(42);
    const shutdown = { event_type: 'system.shutdown', properties: { shutdown_reason: 'end_conversation_endpoint_hit' } };
    // the conversation ran on for 100 seconds after the session ended: Tavus bills them
    await db.asService('select public.record_tavus_event($1, $2)', [session.tavus_conversation_id, shutdown]);
    await elapse(db, session.id, 100);
    await db.asService('select public.record_tavus_event($1, $2)', [session.tavus_conversation_id, shutdown]);
    expect(await usageRowsOf(db, uid)).toMatchObject([{ seconds_used: 142 }]);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(142);
  });

  it('charges nothing for a session ended before its conversation was attached', async () => {
    const uid = await db.createUser();
    const session = await startSession(db, uid);
    await elapse(db, session.id, 30);
    expect(await endSession(db, uid, session.id)).toMatchObject({ status: 'ended', seconds_used: 0 });
    expect(await usageRowsOf(db, uid)).toHaveLength(0);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(0);
  });

  it('fail_session marks a starting session failed and charges nothing, repeatably', async () => {
    const uid = await db.createUser();
    const session = await startSession(db, uid);
    const [failed] = await db.asUser<SessionRow>(uid, 'select * from public.fail_session($1, $2)', [session.id, 'Tavus: out of credits']);
    expect(failed).toMatchObject({ status: 'failed', error: 'Tavus: out of credits', seconds_used: 0 });
    const [again] = await db.asUser<SessionRow>(uid, 'select * from public.fail_session($1, $2)', [session.id, 'again']);
    expect(again!.error).toBe('Tavus: out of credits');
    expect(await usageRowsOf(db, uid)).toHaveLength(0);
  });

  it('attach is repeatable with the same conversation and refused once the session is over', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    const args = [session.id, session.tavus_conversation_id, session.conversation_url];
    const [again] = await db.asUser<SessionRow>(uid, 'select * from public.attach_conversation($1, $2, $3)', args);
    expect(again!.started_at).toEqual(session.started_at);
    await endSession(db, uid, session.id);
    expect((await errorOf(db.asUser(uid, 'select public.attach_conversation($1, $2, $3)', args))).message).toBe('session_not_starting');
  });

  it('adds the charges of successive sessions', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    for (const seconds of [10, 61, 300]) {
      const session = await startActiveSession(db, uid);
      await elapse(db, session.id, seconds);
      await endSession(db, uid, session.id);
    }
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(371);
    expect((await usageRowsOf(db, uid)).map((row) => row.seconds_used).sort((x, y) => x - y)).toEqual([10, 61, 300]);
  });
});
