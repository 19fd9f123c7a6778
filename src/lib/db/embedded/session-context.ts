import type { PGliteInterface, Transaction } from '@electric-sql/pglite';

/**
 * The embedded database has one user, made on first run and remembered in the database itself,
 * so a reload (or another tab) finds the same sessions and minutes.
 */
export async function ensureLocalUser(pg: PGliteInterface): Promise<string> {
  return pg.transaction(async (tx) => {
    await tx.exec(`
      create schema if not exists embedded;
      revoke all on schema embedded from public;
      create table if not exists embedded.local_user (
        singleton boolean primary key default true check (singleton),
        user_id uuid not null references auth.users (id) on delete cascade
      );
    `);
    const existing = await tx.query<{ user_id: string }>('select user_id from embedded.local_user');
    if (existing.rows[0]) return existing.rows[0].user_id;
    // The sign-up trigger of the migrations gives this user a free subscription, as in production.
    const created = await tx.query<{ id: string }>(
      `insert into auth.users (email, is_anonymous, raw_user_meta_data)
       values (null, false, '{"display_name":"Local user"}') returning id`,
    );
    const id = created.rows[0]!.id;
    await tx.query('insert into embedded.local_user (user_id) values ($1)', [id]);
    return id;
  });
}

/**
 * Runs `work` the way PostgREST runs a request: one transaction, role `authenticated`, the JWT
 * claims of the user. Row-level security and the functions' auth.uid() checks apply unchanged.
 */
export async function asUser<T>(pg: PGliteInterface, userId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const claims = JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' });
  return pg.transaction(async (tx) => {
    await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
    return work(tx);
  });
}

/** The embedded database also plays the server's scheduled job (service role). */
export async function asService<T>(pg: PGliteInterface, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return pg.transaction(async (tx) => {
    await tx.query(`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
    return work(tx);
  });
}
