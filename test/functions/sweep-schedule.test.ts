import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir, schemaFiles, setupTestDb, startActiveSession, startSession, subscriptionOf } from '../db/harness';

const db = setupTestDb();
const MIGRATION = join(migrationsDir, '20251122000100_schedule_stale_session_sweep.sql');

describe('scheduling expire_stale_sessions', () => {
  it('is part of the migrations and changes nothing where pg_cron is missing', async () => {
    expect(schemaFiles()).toContain(MIGRATION);
    const installed = await db.asOwner('select 1 from pg_extension where extname = $1', ['pg_cron']);
    expect(installed).toHaveLength(0);
    expect(await db.asOwner(`select 1 from pg_namespace where nspname = 'cron'`)).toHaveLength(0);
  });

  it('schedules the sweep every minute where pg_cron is installed, and the job closes stale sessions', async () => {
    // a stand-in for pg_cron's cron.schedule(job_name, schedule, command), recording its calls
    await db.pg.exec(`create schema cron;
      create table cron.job (jobname text primary key, schedule text, command text);
      create function cron.schedule(p_name text, p_schedule text, p_command text) returns bigint language sql as $$
        insert into cron.job values (p_name, p_schedule, p_command)
        on conflict (jobname) do update set schedule = excluded.schedule, command = excluded.command;
        select 1::bigint
      $$;`);
    const sql = readFileSync(MIGRATION, 'utf8');
    await db.pg.exec(sql);
    await db.pg.exec(sql);
    const jobs = await db.asOwner<{ jobname: string; schedule: string; command: string }>('select * from cron.job');
    expect(jobs).toEqual([
      { jobname: 'awaknow-expire-stale-sessions', schedule: '* * * * *', command: 'select public.expire_stale_sessions()' },
    ]);

    // what cron does each minute: run the command as the owner, without any jwt
    const uid = await db.createUser();
    const active = await startActiveSession(db, uid);
    await db.asOwner(
      `update public.sessions set started_at = now() - interval '20 minutes', created_at = now() - interval '20 minutes' where id = $1`,
      [active.id],
    );
    const [closed] = await db.asOwner<{ expire_stale_sessions: number }>(jobs[0]!.command);
    expect(closed!.expire_stale_sessions).toBe(1);
    const [row] = await db.asOwner<{ status: string; seconds_used: number; end_reason: string }>(
      'select * from public.sessions where id = $1',
      [active.id],
    );
    expect(row).toMatchObject({ status: 'ended', end_reason: 'expired', seconds_used: 600 });
    expect((await subscriptionOf(db, uid)).tavus_seconds_used).toBe(600);

    const other = await db.createUser();
    await startSession(db, other);
    expect((await db.asOwner<{ expire_stale_sessions: number }>(jobs[0]!.command))[0]!.expire_stale_sessions).toBe(0);
  });
});
