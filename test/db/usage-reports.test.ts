import { DbError } from '@/lib/db';
import { toUsageReport } from '@/lib/db/reports';
import { elapse, endSession, errorOf, PERSONA, setPlan, setupTestDb, startActiveSession, startSession, subscriptionOf } from './harness';

// The views behind /history and /usage, on the real migrations: what they sum, whose rows they
// see, and who may read them at all.

const db = setupTestDb();

const OTHER_PERSONA = 'pb9a1c0ffee42';

interface Closed {
  type?: 'reflect_alone' | 'resolve_together';
  persona?: string;
  seconds?: number;
  /** Days after the start of the user's current period (negative: an earlier period). */
  day: number;
  failed?: boolean;
}

/**
 * A session that ended (and was charged `seconds`) or failed on a given day of the period, written
 * as the charging functions leave it: the session row, its usage row and the subscription total.
 */
async function closed(
  uid: string,
  { type = 'reflect_alone', persona = PERSONA, seconds = 0, day, failed = false }: Closed,
): Promise<string> {
  const [row] = await db.asOwner<{ id: string }>(
    `with period as (
       select period_start + make_interval(days => $6::int) + interval '10 hours' as ended_at
         from public.user_subscriptions where user_id = $1
     )
     insert into public.sessions (user_id, session_type, persona_id, conversation_name, status, max_call_duration,
                                  created_at, started_at, ended_at, seconds_used, end_reason, error)
     select $1, $2, $3, 'awaknow_' || $2, case when $5 then 'failed' else 'ended' end, 600,
            p.ended_at - make_interval(secs => $4 + 10),
            case when $5 then null else p.ended_at - make_interval(secs => $4) end,
            p.ended_at, $4, case when $5 then null else 'user_ended' end, case when $5 then 'Tavus answered 402' end
       from period p
     returning id`,
    [uid, type, persona, seconds, failed, day],
  );
  if (!failed) {
    await db.asOwner(
      `insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used, usage_date, created_at)
       select user_id, id, persona_id, seconds_used, (ended_at at time zone 'utc')::date, ended_at from public.sessions where id = $1`,
      [row!.id],
    );
    if (day >= 0)
      await db.asOwner('update public.user_subscriptions set tavus_seconds_used = tavus_seconds_used + $2 where user_id = $1', [
        uid,
        seconds,
      ]);
  }
  return row!.id;
}

interface Breakdown {
  dimension: string;
  key: string | null;
  persona_name: string | null;
  sessions_ended: number;
  sessions_failed: number;
  seconds_used: number;
}

const breakdownOf = (uid: string) => db.asUser<Breakdown>(uid, `select * from public.my_usage_breakdown order by dimension, key`);
const daysOf = (uid: string) =>
  db.asUser<{ usage_date: string; sessions: number; seconds_used: number }>(
    uid,
    `select usage_date::text, sessions, seconds_used from public.my_usage_days order by usage_date`,
  );
const periodStart = async (uid: string) =>
  (
    await db.asOwner<{ d: string }>(
      `select (period_start at time zone 'utc')::date::text as d from public.user_subscriptions where user_id = $1`,
      [uid],
    )
  )[0]!.d;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A month of one user: two personas, both session types, failed starts, and an earlier period. */
async function month(uid: string) {
  await closed(uid, { day: 0, seconds: 300 });
  await closed(uid, { day: 0, seconds: 45, persona: OTHER_PERSONA });
  await closed(uid, { day: 2, seconds: 600, type: 'resolve_together' });
  await closed(uid, { day: 2, failed: true });
  await closed(uid, { day: 5, failed: true, persona: OTHER_PERSONA, type: 'resolve_together' });
  await closed(uid, { day: 5, seconds: 20 });
  // the previous period: never in this period's figures
  await closed(uid, { day: -3, seconds: 900 });
  await closed(uid, { day: -3, failed: true });
}

describe('my_usage_days', () => {
  it('sums the seconds and counts the sessions charged on each utc day of the current period', async () => {
    const uid = await db.createUser();
    await month(uid);
    const start = await periodStart(uid);
    expect(await daysOf(uid)).toEqual([
      { usage_date: start, sessions: 2, seconds_used: 345 },
      { usage_date: plusDays(start, 2), sessions: 1, seconds_used: 600 },
      { usage_date: plusDays(start, 5), sessions: 1, seconds_used: 20 },
    ]);
  });

  it('adds up to the seconds the subscription was charged this period', async () => {
    const uid = await db.createUser();
    await month(uid);
    const [{ total }] = (await db.asUser<{ total: number }>(uid, 'select sum(seconds_used)::int as total from public.my_usage_days')) as [
      { total: number },
    ];
    const [{ used }] = (await db.asUser<{ used: number }>(uid, 'select tavus_seconds_used as used from public.my_usage')) as [
      { used: number },
    ];
    expect(total).toBe(965);
    expect(used).toBe(965);
  });

  it('shows a session charged through the real start, attach and end on today', async () => {
    const uid = await db.createUser();
    const session = await startActiveSession(db, uid);
    await elapse(db, session.id, 95);
    await endSession(db, uid, session.id);
    const [today] = await db.asOwner<{ d: string }>(`select (now() at time zone 'utc')::date::text as d`);
    expect(await daysOf(uid)).toEqual([{ usage_date: today!.d, sessions: 1, seconds_used: 95 }]);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(95);
  });
});

describe('my_usage_breakdown', () => {
  it('counts ended and failed sessions and sums seconds per persona, per session type and in total', async () => {
    const uid = await db.createUser();
    await month(uid);
    expect(await breakdownOf(uid)).toEqual([
      { dimension: 'persona', key: PERSONA, persona_name: null, sessions_ended: 3, sessions_failed: 1, seconds_used: 920 },
      { dimension: 'persona', key: OTHER_PERSONA, persona_name: null, sessions_ended: 1, sessions_failed: 1, seconds_used: 45 },
      { dimension: 'session_type', key: 'reflect_alone', persona_name: null, sessions_ended: 3, sessions_failed: 1, seconds_used: 365 },
      { dimension: 'session_type', key: 'resolve_together', persona_name: null, sessions_ended: 1, sessions_failed: 1, seconds_used: 600 },
      { dimension: 'total', key: null, persona_name: null, sessions_ended: 4, sessions_failed: 2, seconds_used: 965 },
    ]);
  });

  it('has a total row of zeros for a user with no session yet', async () => {
    const uid = await db.createUser();
    expect(await breakdownOf(uid)).toEqual([
      { dimension: 'total', key: null, persona_name: null, sessions_ended: 0, sessions_failed: 0, seconds_used: 0 },
    ]);
    expect(await daysOf(uid)).toEqual([]);
  });

  it('leaves out sessions still open: they are counted when they end', async () => {
    const uid = await db.createUser();
    await startActiveSession(db, uid);
    expect((await breakdownOf(uid)).map((row) => row.dimension)).toEqual(['total']);
    expect(await db.asUser(uid, 'select id from public.my_session_history')).toHaveLength(1);
  });

  it("names a persona by the user's own studio persona linked to its tavus id", async () => {
    const uid = await db.createUser();
    await closed(uid, { day: 1, seconds: 60, persona: OTHER_PERSONA });
    await db.asUser(uid, `select public.link_persona($1, $2::jsonb)`, [OTHER_PERSONA, JSON.stringify({ persona_name: 'Night owl' })]);
    const someoneElse = await db.createUser();
    await db.asUser(someoneElse, `select public.link_persona($1, $2::jsonb)`, [PERSONA, JSON.stringify({ persona_name: 'Not yours' })]);
    await closed(uid, { day: 1, seconds: 30 });
    const personas = (await breakdownOf(uid)).filter((row) => row.dimension === 'persona');
    expect(personas.map((row) => [row.key, row.persona_name])).toEqual([
      [PERSONA, null],
      [OTHER_PERSONA, 'Night owl'],
    ]);
  });
});

describe('my_session_history', () => {
  it('lists every session of the caller with server-measured figures and no transcript', async () => {
    const uid = await db.createUser();
    await setPlan(db, uid, 'growth');
    const ended = await startActiveSession(db, uid);
    await elapse(db, ended.id, 130);
    await endSession(db, uid, ended.id);
    await db.asService('select public.record_tavus_event($1, $2)', [
      ended.tavus_conversation_id,
      { event_type: 'application.transcription_ready', properties: { transcript: [{ role: 'user', content: 'Hello' }] } },
    ]);
    const failed = await startSession(db, uid);
    await db.asUser(uid, 'select public.fail_session($1, $2)', [failed.id, 'Tavus answered 402: out of credits']);

    const rows = await db.asUser<Record<string, unknown>>(uid, 'select * from public.my_session_history order by created_at desc, id desc');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: failed.id,
      status: 'failed',
      error: 'Tavus answered 402: out of credits',
      duration_seconds: null,
      seconds_used: 0,
    });
    expect(rows[1]).toMatchObject({
      id: ended.id,
      status: 'ended',
      session_type: 'reflect_alone',
      persona_id: PERSONA,
      duration_seconds: 130,
      seconds_used: 130,
      end_reason: 'user_ended',
      has_transcript: true,
      has_recording: false,
    });
    expect(Object.keys(rows[1]!)).not.toContain('transcript');
  });
});

describe('who may read the reports', () => {
  const VIEWS = ['my_session_history', 'my_usage_days', 'my_usage_breakdown'];

  it.each(VIEWS)("%s shows none of another user's sessions", async (view) => {
    const me = await db.createUser();
    const other = await db.createUser();
    // Growth has no daily limit: on the 1st of a month the fixture's day-0 sessions are today's, and
    // on the Free plan they would use up the day before the live session below could start.
    await setPlan(db, other, 'growth');
    await month(other);
    const session = await startActiveSession(db, other);
    await endSession(db, other, session.id);
    await closed(me, { day: 1, seconds: 42 });

    const mine = await db.asUser<Record<string, unknown>>(me, `select * from public.${view}`);
    const theirs = await db.asUser<Record<string, unknown>>(other, `select * from public.${view}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(JSON.stringify(mine)).not.toContain(session.id);
    const seconds = (rows: Record<string, unknown>[]) =>
      rows
        .filter((row) => row.dimension === undefined || row.dimension === 'total')
        .reduce((sum, row) => sum + Number(row.seconds_used), 0);
    expect(seconds(mine)).toBe(42);
    expect(seconds(theirs)).toBeGreaterThanOrEqual(965);
  });

  it.each(VIEWS)('%s refuses visitors (anon) and the service role', async (view) => {
    for (const run of [db.asAnon, db.asService]) {
      const error = await errorOf(run(`select * from public.${view}`));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/permission denied/);
    }
  });

  it.each(VIEWS)('%s cannot be written by a signed-in user', async (view) => {
    const uid = await db.createUser();
    await closed(uid, { day: 1, seconds: 60 });
    for (const sql of [`delete from public.${view}`, `update public.${view} set seconds_used = 0`]) {
      // refused either for want of the privilege or because the view is not updatable
      expect(['42501', '55000']).toContain((await errorOf(db.asUser(uid, sql))).code);
    }
    const [rights] = await db.asOwner<{ any: boolean }>(
      `select bool_or(has_table_privilege('authenticated', 'public.' || $1, p)) as any
         from unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`,
      [view],
    );
    expect(rights!.any).toBe(false);
    expect((await daysOf(uid))[0]?.seconds_used).toBe(60);
  });
});

describe('cost as history grows', () => {
  it("answers the breakdown from the closed-sessions index and the history page from the user's index", async () => {
    const uid = await db.createUser();
    await closed(uid, { day: 1, seconds: 60 });
    // on a handful of rows the planner would rightly scan the table; forbid that to see the index is usable
    await db.asOwner('set local enable_seqscan = off');
    const plan = async (sql: string) => JSON.stringify(await db.asUser(uid, `explain (format json) ${sql}`));
    expect(await plan('select * from public.my_usage_breakdown')).toContain('sessions_user_id_closed_at_idx');
    expect(await plan('select * from public.my_session_history order by created_at desc, id desc limit 20')).toContain(
      'sessions_user_id_created_at_idx',
    );
    expect(await plan('select * from public.my_usage_days')).toContain('tavus_usage_user_id_usage_date_idx');
  });
});

describe('the report as the app reads it', () => {
  it('turns the rows into per-persona and per-type tallies with success rates, most minutes first', () => {
    const report = toUsageReport(
      [
        { usage_date: '2026-03-02', sessions: 1, seconds_used: 30 },
        { usage_date: '2026-03-01', sessions: 2, seconds_used: 90 },
      ],
      [
        { dimension: 'total', key: null, persona_name: null, sessions_ended: 3, sessions_failed: 1, seconds_used: 120 },
        { dimension: 'persona', key: 'pa', persona_name: null, sessions_ended: 1, sessions_failed: 1, seconds_used: 30 },
        { dimension: 'persona', key: 'pb', persona_name: 'Calm', sessions_ended: 2, sessions_failed: 0, seconds_used: 90 },
        { dimension: 'session_type', key: 'reflect_alone', persona_name: null, sessions_ended: 3, sessions_failed: 1, seconds_used: 120 },
      ],
    );
    expect(report.days.map((day) => day.date)).toEqual(['2026-03-01', '2026-03-02']);
    expect(report.total).toEqual({ sessionsEnded: 3, sessionsFailed: 1, secondsUsed: 120, successRate: 0.75 });
    expect(report.byPersona.map((row) => [row.personaId, row.personaName, row.successRate])).toEqual([
      ['pb', 'Calm', 1],
      ['pa', null, 0.5],
    ]);
    expect(report.byType).toEqual([
      { sessionType: 'reflect_alone', sessionsEnded: 3, sessionsFailed: 1, secondsUsed: 120, successRate: 0.75 },
    ]);
  });

  it('refuses rows it does not understand with an error that names the field, instead of showing wrong figures', () => {
    const total = { dimension: 'total', key: null, persona_name: null, sessions_ended: 0, sessions_failed: 0, seconds_used: 0 };
    expect(() => toUsageReport([{ usage_date: '2026-03-01', sessions: 1, seconds_used: '60' }], [total])).toThrow(
      expect.objectContaining({ code: 'db_error', message: expect.stringContaining('seconds_used') }),
    );
    expect(() => toUsageReport([], [])).toThrow(
      expect.objectContaining({ code: 'db_error', message: expect.stringContaining('no usage total') }),
    );
    expect(() => toUsageReport(null, [total])).toThrow(DbError);
  });
});
