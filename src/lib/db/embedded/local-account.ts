import type { PGliteInterface, Transaction } from '@electric-sql/pglite';

/**
 * The people of local data mode, each a user of the embedded database, made on first use and
 * remembered in the database itself, so a reload (or another tab) finds the same sessions and minutes.
 * - `user`: the browser's one user, made when the database is first opened.
 * - `guest`: the second person of a session together, made the first time a tab joins with an
 *   invite (an anonymous user, as a Supabase guest sign-in makes). A tab opened on an invite's link
 *   acts as the guest for as long as it lives (guest-tab.ts), so both people can sit at one
 *   browser, each in a tab.
 */
const ACCOUNTS = {
  user: { table: 'embedded.local_user', anonymous: false, name: 'Local user' },
  guest: { table: 'embedded.local_guest', anonymous: true, name: 'Local guest' },
} as const;

export type LocalAccount = keyof typeof ACCOUNTS;

/** Where the embedded database keeps its own bookkeeping (its accounts): no API role may read it. */
export const EMBEDDED_SCHEMA = 'create schema if not exists embedded; revoke all on schema embedded from public;';

/**
 * A user as Supabase Auth's sign-up makes one: the migrations' sign-up trigger gives it a free
 * subscription, as in production. auth.users is Supabase's own table, whose id has no default:
 * Supabase Auth picks it.
 */
export async function createAuthUser(tx: Transaction, user: { anonymous: boolean; name: string }): Promise<string> {
  const created = await tx.query<{ id: string }>(
    `insert into auth.users (instance_id, id, aud, role, email, is_anonymous, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', null, $1,
             '{}', jsonb_build_object('display_name', $2::text), now(), now())
     returning id`,
    [user.anonymous, user.name],
  );
  return created.rows[0]!.id;
}

/** The account's user id, made (with its free subscription) if it does not exist yet. */
export async function ensureLocalAccount(pg: PGliteInterface, account: LocalAccount): Promise<string> {
  const { table, anonymous, name } = ACCOUNTS[account];
  return pg.transaction(async (tx) => {
    // Read first: once the account exists, opening writes nothing (see migrate).
    const { rows: made } = await tx.query<{ made: boolean }>('select to_regclass($1) is not null as made', [table]);
    if (made[0]?.made) {
      const known = await tx.query<{ user_id: string }>(`select user_id from ${table}`);
      if (known.rows[0]) return known.rows[0].user_id;
    }
    await tx.exec(`
      ${EMBEDDED_SCHEMA}
      create table if not exists ${table} (
        singleton boolean primary key default true check (singleton),
        user_id uuid not null references auth.users (id) on delete cascade
      );
    `);
    const id = await createAuthUser(tx, { anonymous, name });
    await tx.query(`insert into ${table} (user_id) values ($1)`, [id]);
    return id;
  });
}
