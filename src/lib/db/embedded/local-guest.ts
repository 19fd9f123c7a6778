import type { PGliteInterface } from '@electric-sql/pglite';

/**
 * Local data mode has one user per browser. A session together needs a second person: the local
 * guest, a second user of the same embedded database, made the first time a tab joins with an
 * invite (an anonymous user, as a Supabase guest sign-in makes). A tab opened on an invite's link
 * acts as the guest for as long as it lives, so both people can sit at one browser, each in a tab.
 */
export async function ensureLocalGuest(pg: PGliteInterface): Promise<string> {
  return pg.transaction(async (tx) => {
    const { rows: made } = await tx.query<{ made: boolean }>(`select to_regclass('embedded.local_guest') is not null as made`);
    if (made[0]?.made) {
      const known = await tx.query<{ user_id: string }>('select user_id from embedded.local_guest');
      if (known.rows[0]) return known.rows[0].user_id;
    }
    await tx.exec(`
      create schema if not exists embedded;
      revoke all on schema embedded from public;
      create table if not exists embedded.local_guest (
        singleton boolean primary key default true check (singleton),
        user_id uuid not null references auth.users (id) on delete cascade
      );
    `);
    // The sign-up trigger gives the guest a free subscription, as Supabase Auth's anonymous sign-in would.
    const created = await tx.query<{ id: string }>(
      `insert into auth.users (instance_id, id, aud, role, email, is_anonymous, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', null, true,
               '{}', '{"display_name":"Local guest"}', now(), now())
       returning id`,
    );
    const id = created.rows[0]!.id;
    await tx.query('insert into embedded.local_guest (user_id) values ($1)', [id]);
    return id;
  });
}
