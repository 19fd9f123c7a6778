import { PGlite } from '@electric-sql/pglite';
import { migrate } from '@/lib/db/embedded/migrate';
import { ensureLocalUser } from '@/lib/db/embedded/session-context';
import { loadDiskSchema } from './disk-schema';

let pg: PGlite;

beforeAll(async () => {
  pg = new PGlite();
  await migrate(pg, await loadDiskSchema());
});
afterAll(async () => {
  await pg.close();
});

const walPosition = async () => (await pg.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0]!.lsn;

describe('opening a database that is up to date', () => {
  it('writes nothing: the browser has no files to store again', async () => {
    const first = await ensureLocalUser(pg);
    // The first reads after the migrations may prune the pages they left behind: that is Postgres's own.
    await migrate(pg, await loadDiskSchema());
    await ensureLocalUser(pg);
    const before = await walPosition();
    expect(await migrate(pg, await loadDiskSchema())).toEqual({ applied: [] });
    expect(await ensureLocalUser(pg)).toBe(first);
    expect(await walPosition()).toBe(before);
  });

  it('still makes the local user when its table was lost, and keeps the bookkeeping private', async () => {
    await pg.exec('drop schema embedded cascade');
    const id = await ensureLocalUser(pg);
    expect((await pg.query('select user_id from embedded.local_user')).rows).toEqual([{ user_id: id }]);
    const grants = await pg.query<{ nspname: string; nspacl: string | null }>(
      `select nspname, nspacl::text from pg_namespace where nspname in ('embedded', 'supabase_migrations') order by nspname`,
    );
    for (const row of grants.rows) expect(row.nspacl ?? '').not.toMatch(/(^|[{,])=/); // no grant to public
  });
});
