import type { PGliteInterface } from '@electric-sql/pglite';
import { DbError } from '../errors';

export interface MigrationFile {
  /** The file name, e.g. 20251121000100_plans_and_subscriptions.sql; applied in name order. */
  name: string;
  sql: string;
}

/**
 * The schema the embedded database runs: Supabase's own roles and auth schema
 * (src/lib/db/supabase-base/*.sql, vendored), then every migration.
 */
export interface SchemaSource {
  /** The base files in name order; each is idempotent and runs again whenever its text changes. */
  base: MigrationFile[];
  migrations: MigrationFile[];
}

export type LoadSchema = () => Promise<SchemaSource>;

/** Base files are recorded under this prefix, so no migration name can collide with one. */
const BASE_PREFIX = 'supabase-base/';
/** What databases made before the vendored base recorded; their auth.users lacks Supabase's columns. */
const EARLIER_STAND_IN = 'supabase-shim.sql';

// Bookkeeping lives outside the api roles' reach: only the database owner reads it.
const BOOTSTRAP = `
create schema if not exists supabase_migrations;
revoke all on schema supabase_migrations from public;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  checksum text not null,
  applied_at timestamptz not null default now()
);
`;

export class MigrationChangedError extends DbError {
  constructor(name: string) {
    super(
      'db_error',
      `The local database applied migration ${name} before it was edited, so it no longer matches the code. ` +
        'Delete the local database (browser devtools, Application, IndexedDB, "/pglite/awaknow") and reload; ' +
        'in production, add a new migration instead of editing an applied one.',
    );
    this.name = 'MigrationChangedError';
  }
}

export class EarlierLocalDatabaseError extends DbError {
  constructor() {
    super(
      'db_error',
      'The local database was made by an earlier version whose auth.users table is not the one Supabase has, ' +
        'so the migrations cannot run on it. Delete the local database (browser devtools, Application, IndexedDB, ' +
        '"/pglite/awaknow") and reload.',
    );
    this.name = 'EarlierLocalDatabaseError';
  }
}

/**
/**
 * The files the embedded database runs, in the order it runs them: Supabase's base (by name, each
 * recorded as `supabase-base/<name>`), then the migrations by name. The one definition of that
 * order: migrate() applies it, and the prebuilt data directory is made from it and named by its hash.
 */
export function schemaFiles(source: SchemaSource): MigrationFile[] {
  const files = [...source.migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set<string>();
  for (const file of files) {
    if (!/^[\w.-]+\.sql$/.test(file.name) || names.has(file.name) || file.name === EARLIER_STAND_IN) {
      throw new DbError('db_error', `Migration file name ${JSON.stringify(file.name)} is not usable (duplicate or not *.sql).`);
    }
    names.add(file.name);
  }
  const base = [...source.base]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => ({ name: `${BASE_PREFIX}${file.name}`, sql: file.sql }));
  return [...base, ...files];
}

/**
 * Brings the database up to the given schema: each base file whenever its text changed (they are
 * idempotent), then each migration not yet recorded. Everything pending runs in one transaction,
 * so a failure leaves the database as it was, and a browser database is written out once, not once
 * per file. Several tabs may call this at once: PGlite runs their transactions one after another,
 * and the second finds the work done.
 */
export async function migrate(pg: PGliteInterface, source: SchemaSource): Promise<{ applied: string[] }> {
  const all = schemaFiles(source);
  const files = all.filter((file) => !file.name.startsWith(BASE_PREFIX));

  let current = '';
  try {
    return await pg.transaction(async (tx) => {
      // Only a new database needs the bookkeeping made: on every later open the check stays read-only,
      // so there is nothing to write out (a grant rewrites the catalog, and the browser stores the files).
      const { rows: made } = await tx.query<{ made: boolean }>(
        `select to_regclass('supabase_migrations.schema_migrations') is not null as made`,
      );
      if (!made[0]?.made) await tx.exec(BOOTSTRAP);
      const { rows } = await tx.query<{ version: string; same: boolean }>(
        `select m.version, m.checksum = md5(f.sql) as same
           from supabase_migrations.schema_migrations m
           join unnest($1::text[], $2::text[]) as f(name, sql) on f.name = m.version`,
        [
          [...all.map((f) => f.name), EARLIER_STAND_IN],
          [...all.map((f) => f.sql), ''],
        ],
      );
      if (rows.some((row) => row.version === EARLIER_STAND_IN)) throw new EarlierLocalDatabaseError();
      const known = new Map(rows.map((row) => [row.version, row.same]));
      for (const file of files) {
        if (known.get(file.name) === false) throw new MigrationChangedError(file.name);
      }
      // The base is idempotent: a changed base file simply runs again.
      const pending = all.filter((file) => (file.name.startsWith(BASE_PREFIX) ? known.get(file.name) !== true : !known.has(file.name)));
      for (const file of pending) {
        current = file.name;
        await tx.exec(file.sql);
        await tx.query(
          `insert into supabase_migrations.schema_migrations (version, checksum) values ($1, md5($2))
           on conflict (version) do update set checksum = excluded.checksum, applied_at = now()`,
          [file.name, file.sql],
        );
      }
      return { applied: pending.map((file) => file.name) };
    });
  } catch (error) {
    if (error instanceof DbError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const where = current ? `apply ${current} to` : 'check the migrations of';
    throw new DbError('db_error', `Could not ${where} the local database: ${message}`, { cause: error });
  }
}

/**
 * The schema a database holds, by the hash of what made it (see vite-plugin.ts: PGlite's version,
 * initdb's arguments, the recipe, every schema file). Recorded by whoever brought it up to that
 * schema; a database whose record matches the code's needs no migrations check, so opening it
 * loads no schema file and runs no comparison. A missing or other record means: check and migrate.
 */
export async function recordedSchemaHash(pg: PGliteInterface): Promise<string | null> {
  const { rows } = await pg.query<{ made: boolean }>(`select to_regclass('embedded.schema_state') is not null as made`);
  if (!rows[0]?.made) return null;
  const recorded = await pg.query<{ hash: string }>('select hash from embedded.schema_state');
  return recorded.rows[0]?.hash ?? null;
}

/** Records that the database now holds the schema named `hash` (owner-only, as the rest of the bookkeeping). */
export async function recordSchemaHash(pg: PGliteInterface, hash: string): Promise<void> {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new DbError('invalid_argument', `Not a schema hash: ${JSON.stringify(hash)}.`);
  await pg.exec(`
    create schema if not exists embedded;
    revoke all on schema embedded from public;
    create table if not exists embedded.schema_state (
      singleton boolean primary key default true check (singleton),
      hash text not null
    );
    insert into embedded.schema_state (hash) values ('${hash}')
      on conflict (singleton) do update set hash = excluded.hash where schema_state.hash <> excluded.hash;
  `);
}
