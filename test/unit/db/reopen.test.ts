import { PGlite } from '@electric-sql/pglite';
import { EarlierLocalDatabaseError, migrate } from '@/lib/db/embedded/migrate';
import { ensureLocalAccount } from '@/lib/db/embedded/local-account';
import { loadDiskSchema } from './disk-schema';
import { walPosition } from './wal-position';

let pg: PGlite;

beforeAll(async () => {
  pg = new PGlite();
  await migrate(pg, await loadDiskSchema());
});
afterAll(async () => {
  await pg.close();
});

describe('opening a database that is up to date', () => {
  it('writes nothing: the browser has no files to store again', async () => {
    const first = await ensureLocalAccount(pg, 'user');
    // The first reads after the migrations may prune the pages they left behind: that is Postgres's own.
    await migrate(pg, await loadDiskSchema());
    await ensureLocalAccount(pg, 'user');
    const before = await walPosition(pg);
    expect(await migrate(pg, await loadDiskSchema())).toEqual({ applied: [] });
    expect(await ensureLocalAccount(pg, 'user')).toBe(first);
    expect(await walPosition(pg)).toBe(before);
  });

  it('still makes the local user when its table was lost, and keeps the bookkeeping private', async () => {
    await pg.exec('drop schema embedded cascade');
    const id = await ensureLocalAccount(pg, 'user');
    expect((await pg.query('select user_id from embedded.local_user')).rows).toEqual([{ user_id: id }]);
    const grants = await pg.query<{ nspname: string; nspacl: string | null }>(
      `select nspname, nspacl::text from pg_namespace where nspname in ('embedded', 'supabase_migrations') order by nspname`,
    );
    for (const row of grants.rows) expect(row.nspacl ?? '').not.toMatch(/(^|[{,])=/); // no grant to public
  });
});

describe("Supabase's base", () => {
  it('runs again when its text changes (it is idempotent), and the data stays', async () => {
    const id = await ensureLocalAccount(pg, 'user');
    const schema = await loadDiskSchema();
    const changed = schema.base.map((file) => (file.name === '01_auth.sql' ? { ...file, sql: `${file.sql}\n-- changed` } : file));
    expect(await migrate(pg, { ...schema, base: changed })).toEqual({ applied: ['supabase-base/01_auth.sql'] });
    expect(await ensureLocalAccount(pg, 'user')).toBe(id);
    expect((await pg.query('select plan_id from public.user_subscriptions where user_id = $1', [id])).rows).toEqual([{ plan_id: 'free' }]);
    expect(await migrate(pg, schema)).toEqual({ applied: ['supabase-base/01_auth.sql'] });
  });

  it('refuses a database made before it, whose auth.users is not Supabase’s, and changes nothing', async () => {
    const old = new PGlite();
    try {
      await old.exec(`
        create schema supabase_migrations;
        create table supabase_migrations.schema_migrations (version text primary key, checksum text not null, applied_at timestamptz not null default now());
        insert into supabase_migrations.schema_migrations (version, checksum) values ('supabase-shim.sql', md5('old'));
        create schema auth;
        create table auth.users (id uuid primary key default gen_random_uuid(), email text);`);
      const error = await migrate(old, await loadDiskSchema()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EarlierLocalDatabaseError);
      expect((error as Error).message).toMatch(/Delete the local database/);
      expect((await old.query(`select to_regclass('public.plans') as t, to_regrole('anon') as r`)).rows).toEqual([{ t: null, r: null }]);
      expect((await old.query('select version from supabase_migrations.schema_migrations')).rows).toEqual([
        { version: 'supabase-shim.sql' },
      ]);
    } finally {
      await old.close();
    }
  });
});
