import { PGlite } from '@electric-sql/pglite';
import { migrate } from '@/lib/db/embedded/migrate';
import { ensureLocalAccount } from '@/lib/db/embedded/local-account';
import { loadDiskSchema } from './disk-schema';
import { walPosition } from './wal-position';

/** The two people of local data mode: the browser's user and, for a session together, the guest. */

let pg: PGlite;

beforeAll(async () => {
  pg = new PGlite();
  await migrate(pg, await loadDiskSchema());
});
afterAll(async () => {
  await pg.close();
});

const account = async (id: string) =>
  (
    await pg.query<{ is_anonymous: boolean; name: string; plan_id: string }>(
      `select u.is_anonymous, u.raw_user_meta_data ->> 'display_name' as name, s.plan_id
       from auth.users u join public.user_subscriptions s on s.user_id = u.id where u.id = $1`,
      [id],
    )
  ).rows;

it('makes the guest a second user, anonymous as a Supabase guest sign-in, with a free plan of its own', async () => {
  const user = await ensureLocalAccount(pg, 'user');
  const guest = await ensureLocalAccount(pg, 'guest');
  expect(guest).not.toBe(user);
  expect(await account(user)).toEqual([{ is_anonymous: false, name: 'Local user', plan_id: 'free' }]);
  expect(await account(guest)).toEqual([{ is_anonymous: true, name: 'Local guest', plan_id: 'free' }]);
});

it('answers the same people on every later ask, and writes nothing to answer them', async () => {
  const user = await ensureLocalAccount(pg, 'user');
  const guest = await ensureLocalAccount(pg, 'guest');
  const before = await walPosition(pg);
  expect(await ensureLocalAccount(pg, 'guest')).toBe(guest);
  expect(await ensureLocalAccount(pg, 'user')).toBe(user);
  expect(await walPosition(pg)).toBe(before);
  expect((await pg.query('select count(*)::int as n from auth.users')).rows).toEqual([{ n: 2 }]);
});

it('keeps the bookkeeping private: no role of the Data API reads who the guest is', async () => {
  await ensureLocalAccount(pg, 'guest');
  for (const role of ['anon', 'authenticated']) {
    const readable = await pg.query<{ ok: boolean }>(`select has_table_privilege($1, 'embedded.local_guest', 'select') as ok`, [role]);
    expect(readable.rows).toEqual([{ ok: false }]);
    const usable = await pg.query<{ ok: boolean }>(`select has_schema_privilege($1, 'embedded', 'usage') as ok`, [role]);
    expect(usable.rows).toEqual([{ ok: false }]);
  }
});
