import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applySchema, asUser, findPostgresBin, startPostgres, type PostgresServer } from './pg-server.mjs';

// supabase/seed.sql targets a local Supabase stack, whose pgcrypto lives in the extensions schema.
// This runs the seed after the migrations on a real PostgreSQL server with Supabase's base (its
// auth.users and auth.identities), as postgres, and signs in as the demo account.

const seedPath = fileURLToPath(new URL('../../supabase/seed.sql', import.meta.url));
const bin = findPostgresBin();
if (!bin) console.warn('[seed] SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin.');
const describeWithServer = bin ? describe : describe.skip;

const DEMO = 'a0a0a0a0-0000-4000-8000-000000000001';

describeWithServer('supabase/seed.sql', () => {
  let server: PostgresServer;
  let client: pg.Client;

  beforeAll(async () => {
    server = await startPostgres({ bin });
    client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
    await client.query('create schema extensions; create extension pgcrypto with schema extensions');
    await applySchema(client);
    await client.query(readFileSync(seedPath, 'utf8'));
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  }, 60_000);

  it('creates a confirmed demo account whose password checks out', async () => {
    const { rows } = await client.query(
      `select email, email_confirmed_at is not null as confirmed,
              encrypted_password = extensions.crypt('awaknow-demo', encrypted_password) as password_ok
         from auth.users where id = $1`,
      [DEMO],
    );
    expect(rows).toEqual([{ email: 'demo@awaknow.local', confirmed: true, password_ok: true }]);
  });

  it('puts the demo on growth with two charged sessions, usage adding up', async () => {
    const sessions = await asUser<{ seconds_used: number; transcript: unknown[] }>(
      client,
      DEMO,
      'select seconds_used, transcript from public.sessions order by created_at',
    );
    expect(sessions.map((s) => s.seconds_used)).toEqual([95, 312]);
    expect(sessions.every((s) => s.transcript.length === 2)).toBe(true);
    const usage = await asUser(client, DEMO, 'select seconds_used from public.tavus_usage order by seconds_used');
    expect(usage).toEqual([{ seconds_used: 95 }, { seconds_used: 312 }]);
    const [mine] = await asUser<{ plan_id: string; tavus_seconds_used: number }>(
      client,
      DEMO,
      'select plan_id, tavus_seconds_used from public.my_usage',
    );
    expect(mine!.plan_id).toBe('growth');
    const { rows } = await client.query(
      `select coalesce(sum(u.seconds_used), 0)::int as expected from public.tavus_usage u
         join public.user_subscriptions s on s.user_id = u.user_id where u.created_at >= s.period_start and u.user_id = $1`,
      [DEMO],
    );
    expect(mine!.tavus_seconds_used).toBe(rows[0].expected);
  });

  it('lets the demo start a session right away', async () => {
    const [session] = await asUser<{ status: string; max_call_duration: number }>(
      client,
      DEMO,
      `select * from public.start_session('reflect_alone', 'p7e13c73f41f', null)`,
    );
    expect(session).toMatchObject({ status: 'starting', max_call_duration: 1800 });
  });
});
