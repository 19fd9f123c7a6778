import pg from 'pg';
import { applySchema, asService, asUser, createUser as signUp, findPostgresBin, startPostgres, type PostgresServer } from './pg-server.mjs';

// Two tabs, two devices, a reload and a late callback all hit the database at once. These run
// against a real PostgreSQL server with many connections, which is what such races need.

const bin = findPostgresBin();
if (!bin) {
  console.warn('[races] SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql, or set PG_BIN).');
}
const describeWithServer = bin ? describe : describe.skip;

interface Session {
  id: string;
  status: string;
  seconds_used: number;
  tavus_conversation_id: string | null;
}

describeWithServer('races on a real PostgreSQL server', () => {
  let server: PostgresServer;
  let admin: pg.Client;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    server = await startPostgres({ bin });
    admin = new pg.Client({ connectionString: server.connectionString });
    await admin.connect();
    await applySchema(admin);
    for (let i = 0; i < 40; i += 1) {
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      clients.push(client);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([...clients, admin].filter(Boolean).map((client) => client.end()));
    await server?.stop();
  }, 60_000);

  async function createUser(plan = 'free'): Promise<string> {
    const uid = await signUp(admin);
    await admin.query(
      `update public.user_subscriptions s set plan_id = p.id, tavus_minutes_limit = p.monthly_minutes
         from public.plans p where p.id = $2 and s.user_id = $1`,
      [uid, plan],
    );
    return uid;
  }

  async function activeSession(uid: string, elapsedSeconds: number, type = 'reflect_alone'): Promise<Session> {
    const [session] = await asUser<Session>(admin, uid, `select * from public.start_session($1, 'p7e13c73f41f', 'r4317e64d25a')`, [type]);
    const conversationId = `c${session!.id.replaceAll('-', '').slice(0, 12)}`;
    await asUser(admin, uid, 'select public.attach_conversation($1, $2, $3)', [
      session!.id,
      conversationId,
      `https://tavus.daily.co/${conversationId}`,
    ]);
    await admin.query(`update public.sessions set started_at = now() - make_interval(secs => $2) where id = $1`, [
      session!.id,
      elapsedSeconds,
    ]);
    return { ...session!, tavus_conversation_id: conversationId };
  }

  const messages = (results: PromiseSettledResult<unknown>[]) =>
    results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));

  it('40 simultaneous starts by one user: exactly one session, the rest session_already_active', async () => {
    const uid = await createUser();
    const results = await Promise.allSettled(
      clients.map((client) =>
        asUser<Session>(client, uid, `select * from public.start_session('reflect_alone', 'p7e13c73f41f', 'r4317e64d25a')`),
      ),
    );
    const started = results.filter((result) => result.status === 'fulfilled');
    expect(started).toHaveLength(1);
    expect(messages(results)).toEqual(Array(39).fill('session_already_active'));
    const { rows } = await admin.query('select status from public.sessions where user_id = $1', [uid]);
    expect(rows).toEqual([{ status: 'starting' }]);
  });

  it('40 simultaneous starts by 40 users: every one starts', async () => {
    const users: string[] = [];
    for (let i = 0; i < clients.length; i += 1) users.push(await createUser());
    const results = await Promise.allSettled(
      clients.map((client, i) => asUser(client, users[i]!, `select * from public.start_session('reflect_alone', 'p7e13c73f41f', null)`)),
    );
    expect(messages(results)).toEqual([]);
  });

  it('20 simultaneous end_session calls charge once', async () => {
    const uid = await createUser();
    const session = await activeSession(uid, 90);
    const results = await Promise.allSettled(
      clients.slice(0, 20).map((client) => asUser<Session>(client, uid, 'select * from public.end_session($1)', [session.id])),
    );
    expect(messages(results)).toEqual([]);
    const charged = results.map((result) => (result as PromiseFulfilledResult<Session[]>).value[0]!.seconds_used);
    expect(new Set(charged).size).toBe(1);
    expect(charged[0]).toBeGreaterThanOrEqual(90);
    expect(charged[0]).toBeLessThanOrEqual(95);
    const usage = await admin.query('select seconds_used from public.tavus_usage where session_id = $1', [session.id]);
    expect(usage.rows).toEqual([{ seconds_used: charged[0] }]);
    const sub = await admin.query('select tavus_seconds_used from public.user_subscriptions where user_id = $1', [uid]);
    expect(sub.rows).toEqual([{ tavus_seconds_used: charged[0] }]);
  });

  it('user ends and Tavus shutdown callbacks at the same moment charge once', async () => {
    const uid = await createUser();
    const session = await activeSession(uid, 45);
    const event = { event_type: 'system.shutdown', properties: { shutdown_reason: 'participant_left_timeout reached' } };
    const results = await Promise.allSettled(
      clients
        .slice(0, 20)
        .map((client, i) =>
          i % 2
            ? asUser(client, uid, 'select * from public.end_session($1)', [session.id])
            : asService(client, 'select * from public.record_tavus_event($1, $2)', [session.tavus_conversation_id, event]),
        ),
    );
    expect(messages(results)).toEqual([]);
    const usage = await admin.query(
      'select count(*)::int as n, sum(seconds_used)::int as seconds from public.tavus_usage where session_id = $1',
      [session.id],
    );
    const sub = await admin.query('select tavus_seconds_used from public.user_subscriptions where user_id = $1', [uid]);
    expect(usage.rows[0].n).toBe(1);
    expect(sub.rows[0].tavus_seconds_used).toBe(usage.rows[0].seconds);
  });

  it('ending one session while starting the next from other tabs never deadlocks and leaves at most one open', async () => {
    const uid = await createUser('growth');
    const session = await activeSession(uid, 30);
    const results = await Promise.allSettled(
      clients
        .slice(0, 30)
        .map((client, i) =>
          i % 3 === 0
            ? asUser(client, uid, 'select * from public.end_session($1)', [session.id])
            : asUser(client, uid, `select * from public.start_session('reflect_alone', 'p7e13c73f41f', null)`),
        ),
    );
    expect(messages(results).every((message) => message === 'session_already_active')).toBe(true);
    const open = await admin.query(
      `select count(*)::int as n from public.sessions where user_id = $1 and status in ('starting', 'active')`,
      [uid],
    );
    expect(open.rows[0].n).toBeLessThanOrEqual(1);
    const usage = await admin.query('select count(*)::int as n from public.tavus_usage where session_id = $1', [session.id]);
    expect(usage.rows[0].n).toBe(1);
  });

  it('in a proxy deployment, the server ending, the sweep and shutdown callbacks at once settle one charge', async () => {
    const uid = await createUser('growth');
    const session = await activeSession(uid, 45);
    const event = { event_type: 'system.shutdown', properties: { shutdown_reason: 'end_conversation_endpoint_hit' } };
    await admin.query(`update private.deployment set session_owner = 'server'`);
    try {
      const results = await Promise.allSettled(
        clients
          .slice(0, 30)
          .map((client, i) =>
            i % 3 === 0
              ? asService(client, 'select * from public.server_end_session($1, $2, $3)', [uid, session.id, 'user_ended'])
              : i % 3 === 1
                ? asService(client, 'select * from public.record_tavus_event($1, $2)', [session.tavus_conversation_id, event])
                : asService(client, `select * from public.server_call_ended($1, now(), 'sweep')`, [session.id]),
          ),
      );
      expect(messages(results)).toEqual([]);
      const usage = await admin.query(
        'select count(*)::int as n, sum(seconds_used)::int as seconds from public.tavus_usage where session_id = $1',
        [session.id],
      );
      const sub = await admin.query('select tavus_seconds_used from public.user_subscriptions where user_id = $1', [uid]);
      const row = await admin.query('select seconds_used from public.sessions where id = $1', [session.id]);
      expect(usage.rows[0].n).toBe(1);
      expect(usage.rows[0].seconds).toBeGreaterThanOrEqual(45);
      expect(sub.rows[0].tavus_seconds_used).toBe(usage.rows[0].seconds);
      expect(row.rows[0].seconds_used).toBe(usage.rows[0].seconds);
      // the call is settled: the slot is free again
      const [next] = await asService<Session>(
        admin,
        `select * from public.server_start_session($1, 'reflect_alone', 'p7e13c73f41f', null)`,
        [uid],
      );
      expect(next!.status).toBe('starting');
    } finally {
      await admin.query(`update private.deployment set session_owner = 'browser'`);
    }
  });

  it('the sweep and the user ending at once charge once', async () => {
    const uid = await createUser();
    const session = await activeSession(uid, 600 + 300);
    const results = await Promise.allSettled(
      clients
        .slice(0, 10)
        .map((client, i) =>
          i % 2
            ? asUser(client, uid, 'select * from public.end_session($1)', [session.id])
            : asService(client, 'select public.expire_stale_sessions()'),
        ),
    );
    expect(messages(results)).toEqual([]);
    const sub = await admin.query('select tavus_seconds_used from public.user_subscriptions where user_id = $1', [uid]);
    expect(sub.rows[0].tavus_seconds_used).toBe(600);
  });

  it('40 people redeeming one invite at once: one partner, the rest invite_used', async () => {
    const host = await createUser('pro');
    const session = await activeSession(host, 10, 'resolve_together');
    const [{ invite }] = (await asUser<{ invite: { code: string } }>(admin, host, `select public.create_invite($1, 'Ada') as invite`, [
      session.id,
    ])) as [{ invite: { code: string } }];
    const people: string[] = [];
    for (const _ of clients) people.push(await createUser());
    const results = await Promise.allSettled(
      clients.map((client, i) => asUser(client, people[i]!, 'select public.redeem_invite($1, $2)', [invite.code, `Person ${i}`])),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(new Set(messages(results))).toEqual(new Set(['invite_used']));
    const partners = await admin.query(
      'select count(*)::int as n from public.session_invites where session_id = $1 and partner_id is not null',
      [session.id],
    );
    expect(partners.rows[0].n).toBe(1);
  });

  it('40 wrong invite codes from one user at once: 10 are counted and answered, the other 30 refused', async () => {
    const host = await createUser('pro');
    const session = await activeSession(host, 10, 'resolve_together');
    await asUser(admin, host, `select public.create_invite($1, 'Ada')`, [session.id]);
    const guesser = await createUser();
    // six characters the codes never use (0, 1, O, I, L, U): no invite can have them
    const results = await Promise.allSettled(
      clients.map((client) => asUser<{ r: unknown }>(client, guesser, `select public.preview_invite('0O1IL' || 'U') as r`)),
    );
    const answered = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value[0]!.r] : []));
    expect(answered).toEqual(Array(10).fill({ refused: 'invite_not_found', detail: 'No invite has this link or code.' }));
    expect(messages(results)).toEqual(Array(30).fill('invite_attempts_exceeded'));
    const misses = await admin.query('select count(*)::int as n from private.invite_misses where user_id = $1', [guesser]);
    expect(misses.rows[0].n).toBe(10);
  });

  it('host and partner ending at once, from many tabs, charge the host once', async () => {
    const host = await createUser('pro');
    const partner = await createUser();
    const session = await activeSession(host, 70, 'resolve_together');
    const [{ invite }] = (await asUser<{ invite: { code: string } }>(admin, host, `select public.create_invite($1, 'Ada') as invite`, [
      session.id,
    ])) as [{ invite: { code: string } }];
    await asUser(admin, partner, `select public.redeem_invite($1, 'Grace')`, [invite.code]);
    const results = await Promise.allSettled(
      clients
        .slice(0, 20)
        .map((client, i) =>
          i % 2
            ? asUser(client, host, 'select * from public.end_session($1)', [session.id])
            : asUser(client, partner, 'select public.end_joined_session($1)', [session.id]),
        ),
    );
    expect(messages(results)).toEqual([]);
    const usage = await admin.query('select user_id, seconds_used from public.tavus_usage where session_id = $1', [session.id]);
    expect(usage.rows).toHaveLength(1);
    expect(usage.rows[0].user_id).toBe(host);
    expect(usage.rows[0].seconds_used).toBeGreaterThanOrEqual(70);
    const subs = await admin.query('select user_id, tavus_seconds_used from public.user_subscriptions where user_id = any($1)', [
      [host, partner],
    ]);
    const used = Object.fromEntries(
      subs.rows.map((row: { user_id: string; tavus_seconds_used: number }) => [row.user_id, row.tavus_seconds_used]),
    );
    expect(used).toEqual({ [host]: usage.rows[0].seconds_used, [partner]: 0 });
  });
});
