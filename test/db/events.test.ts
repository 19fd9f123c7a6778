import {
  elapse,
  endSession,
  errorOf,
  startActiveSession,
  startSession,
  subscriptionOf,
  usageRowsOf,
  setupTestDb,
  type SessionRow,
} from './harness';

const db = setupTestDb();

async function record(conversationId: string | null, event: object): Promise<SessionRow> {
  const rows = await db.asService<SessionRow>('select * from public.record_tavus_event($1, $2)', [conversationId, event]);
  return rows[0]!;
}

async function activeCall() {
  const uid = await db.createUser();
  const session = await startActiveSession(db, uid);
  return { uid, session, conversationId: session.tavus_conversation_id! };
}

const transcript = [
  { role: 'system', content: 'You are a calm guide.' },
  { role: 'assistant', content: 'What is on your mind?' },
  { role: 'user', content: 'A quarrel with my sister.' },
];

describe('record_tavus_event', () => {
  it('system.replica_joined sets joined_at once', async () => {
    const { session, conversationId } = await activeCall();
    const first = await record(conversationId, { event_type: 'system.replica_joined', conversation_id: conversationId });
    expect(first.joined_at).not.toBeNull();
    await db.asOwner(`update public.sessions set joined_at = joined_at - interval '1 minute' where id = $1`, [session.id]);
    const earlier = (await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [session.id]))[0]!.joined_at;
    const again = await record(conversationId, { event_type: 'system.replica_joined' });
    expect(again.joined_at).toEqual(earlier);
  });

  it('system.shutdown ends and charges an open session, with the reason, exactly once', async () => {
    const { uid, session, conversationId } = await activeCall();
    await elapse(db, session.id, 125);
    const event = { event_type: 'system.shutdown', properties: { shutdown_reason: 'participant_left_timeout reached' } };
    const ended = await record(conversationId, event);
    expect(ended).toMatchObject({
      status: 'ended',
      seconds_used: 125,
      end_reason: 'participant_left_timeout reached',
      shutdown_reason: 'participant_left_timeout reached',
    });
    await elapse(db, session.id, 60);
    expect((await record(conversationId, event)).seconds_used).toBe(125);
    expect(await endSession(db, uid, session.id)).toMatchObject({ seconds_used: 125 });
    expect(await usageRowsOf(db, uid)).toHaveLength(1);
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(125);
  });

  it('system.shutdown after the user ended keeps the charge and records the reason', async () => {
    const { uid, session, conversationId } = await activeCall();
    await elapse(db, session.id, 30);
    await endSession(db, uid, session.id);
    const after = await record(conversationId, {
      event_type: 'system.shutdown',
      properties: { shutdown_reason: 'end_conversation_endpoint_hit' },
    });
    expect(after).toMatchObject({ end_reason: 'user_ended', shutdown_reason: 'end_conversation_endpoint_hit', seconds_used: 30 });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(30);
  });

  it('system.shutdown without a reason still ends the session', async () => {
    const { conversationId } = await activeCall();
    expect(await record(conversationId, { event_type: 'system.shutdown' })).toMatchObject({
      status: 'ended',
      end_reason: 'tavus_shutdown',
    });
  });

  it('application.transcription_ready stores the transcript, idempotently, even after the end', async () => {
    const { uid, session, conversationId } = await activeCall();
    await endSession(db, uid, session.id);
    const event = { event_type: 'application.transcription_ready', properties: { transcript } };
    expect((await record(conversationId, event)).transcript).toEqual(transcript);
    expect((await record(conversationId, event)).transcript).toEqual(transcript);
    const [mine] = await db.asUser<SessionRow>(uid, 'select transcript from public.sessions where id = $1', [session.id]);
    expect(mine!.transcript).toEqual(transcript);
  });

  it('application.recording_ready stores the recording, idempotently', async () => {
    const { conversationId } = await activeCall();
    const properties = { bucket_name: 'recordings', s3_key: 'c1/recording.mp4', duration: 125 };
    const event = { event_type: 'application.recording_ready', properties };
    expect((await record(conversationId, event)).recording).toEqual(properties);
    expect((await record(conversationId, event)).recording).toEqual(properties);
  });

  it('application.perception_analysis stores the analysis, idempotently', async () => {
    const { conversationId } = await activeCall();
    const event = { event_type: 'application.perception_analysis', properties: { analysis: 'The user looked relieved.' } };
    expect((await record(conversationId, event)).perception_analysis).toBe('The user looked relieved.');
    expect((await record(conversationId, event)).perception_analysis).toBe('The user looked relieved.');
  });

  it('accepts event types it does not use and changes nothing', async () => {
    const { session, conversationId } = await activeCall();
    const after = await record(conversationId, { event_type: 'system.replica_left', properties: {} });
    expect(after).toEqual(session);
  });

  it('refuses an unknown conversation: session_not_found', async () => {
    const error = await errorOf(record('c0000unknown', { event_type: 'system.shutdown' }));
    expect(error.message).toBe('session_not_found');
  });

  it.each([
    ['no event_type', {}],
    ['a non-string event_type', { event_type: 42 }],
    ['properties that are not an object', { event_type: 'system.shutdown', properties: [] }],
    ['a transcript that is not a list', { event_type: 'application.transcription_ready', properties: { transcript: 'hi' } }],
    ['a perception event without analysis', { event_type: 'application.perception_analysis', properties: {} }],
    ['an envelope naming another conversation', { event_type: 'system.shutdown', conversation_id: 'c-other' }],
  ])('refuses an event with %s and writes nothing', async (_label, event) => {
    const { session, conversationId } = await activeCall();
    expect((await errorOf(record(conversationId, event))).message).toBe('invalid_argument');
    const [row] = await db.asOwner<SessionRow>('select * from public.sessions where id = $1', [session.id]);
    expect(row).toEqual(session);
  });

  it('refuses a malformed conversation id', async () => {
    expect((await errorOf(record("c1' or '1'='1", { event_type: 'system.shutdown' }))).message).toBe('invalid_argument');
    expect((await errorOf(record(null, { event_type: 'system.shutdown' }))).message).toBe('invalid_argument');
  });
});

describe('expire_stale_sessions', () => {
  async function expire(): Promise<number> {
    const [row] = await db.asService<{ expire_stale_sessions: number }>('select public.expire_stale_sessions()');
    return row!.expire_stale_sessions;
  }

  it('ends active sessions past their cap plus the grace, charging the cap; fails stale reservations for free', async () => {
    const overdue = await activeCall();
    await elapse(db, overdue.session.id, 600 + 121);
    const inGrace = await activeCall();
    await elapse(db, inGrace.session.id, 600 + 119);
    const staleUid = await db.createUser();
    const stale = await startSession(db, staleUid);
    await elapse(db, stale.id, 601);
    await db.asOwner(`update public.sessions set created_at = created_at - interval '1 second' where id = $1`, [stale.id]);
    const freshUid = await db.createUser();
    const fresh = await startSession(db, freshUid);
    await elapse(db, fresh.id, 599);

    expect(await expire()).toBe(2);

    const rows = await db.asOwner<SessionRow>('select * from public.sessions where id = any($1)', [
      [overdue.session.id, inGrace.session.id, stale.id, fresh.id],
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(overdue.session.id)).toMatchObject({ status: 'ended', seconds_used: 600, end_reason: 'expired' });
    expect(byId.get(inGrace.session.id)).toMatchObject({ status: 'active' });
    expect(byId.get(stale.id)).toMatchObject({ status: 'failed', seconds_used: 0, error: 'expired_before_start' });
    expect(byId.get(fresh.id)).toMatchObject({ status: 'starting' });
    expect((await subscriptionOf(db, overdue.uid)).tavus_seconds_used).toBe(600);
    expect((await subscriptionOf(db, staleUid)).tavus_seconds_used).toBe(0);
    expect(await usageRowsOf(db, staleUid)).toHaveLength(0);

    expect(await expire()).toBe(0);
    expect((await subscriptionOf(db, overdue.uid)).tavus_seconds_used).toBe(600);
  });

  it('frees the user to start again after an expired session', async () => {
    const { uid, session } = await activeCall();
    await db.asOwner(`update public.user_subscriptions set plan_id = 'growth', tavus_minutes_limit = 300 where user_id = $1`, [uid]);
    await elapse(db, session.id, 3600);
    expect(await expire()).toBe(1);
    expect((await startSession(db, uid)).status).toBe('starting');
  });
});
