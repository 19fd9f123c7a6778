import type { PGliteInterface } from '@electric-sql/pglite';
import { DbError } from '../errors';

export interface MigrationFile {
  /** The file name, e.g. 20251121000100_plans_and_subscriptions.sql; applied in name order. */
  name: string;
  sql: string;
}

/** The schema the embedded database runs: the Supabase stand-in, then every migration. */
export interface SchemaSource {
  shim: string;
  migrations: MigrationFile[];
}

export type LoadSchema = () => Promise<SchemaSource>;

const SHIM_VERSION = 'supabase-shim.sql';

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

/**
 * The files the embedded database runs, in the order it runs them: the shim, then the migrations
 * by name. The one definition of that order: migrate() applies it, and the prebuilt data directory
 * is made from it and named by its hash.
 */
export function schemaFiles(source: SchemaSource): MigrationFile[] {
  const files = [...source.migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set<string>();
  for (const file of files) {
    if (!/^[\w.-]+\.sql$/.test(file.name) || names.has(file.name) || file.name === SHIM_VERSION) {
      throw new DbError('db_error', `Migration file name ${JSON.stringify(file.name)} is not usable (duplicate or not *.sql).`);
    }
    names.add(file.name);
  }
  return [{ name: SHIM_VERSION, sql: source.shim }, ...files];
}

/**
 * Brings the database up to the given schema: the shim whenever its text changed (it is
 * idempotent), then each migration not yet recorded. Everything pending runs in one transaction,
 * so a failure leaves the database as it was, and a browser database is written out once, not once
 * per file. Several tabs may call this at once: PGlite runs their transactions one after another,
 * and the second finds the work done.
 */
export async function migrate(pg: PGliteInterface, source: SchemaSource): Promise<{ applied: string[] }> {
  const all = schemaFiles(source);
  const files = all.slice(1);

  let current = '';
  try {
    return await pg.transaction(async (tx) => {
      // Only a new database needs the bookkeeping made: on every later open the check stays read-only,
      // so there is nothing to write out (a grant rewrites the catalog, and the browser stores the files).
      const { rows: made } = await tx.query<{ made: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is not null as made`);
      if (!made[0]?.made) await tx.exec(BOOTSTRAP);
      const { rows } = await tx.query<{ version: string; same: boolean }>(
        `select m.version, m.checksum = md5(f.sql) as same
           from supabase_migrations.schema_migrations m
           join unnest($1::text[], $2::text[]) as f(name, sql) on f.name = m.version`,
        [all.map((f) => f.name), all.map((f) => f.sql)],
      );
      const known = new Map(rows.map((row) => [row.version, row.same]));
      for (const file of files) {
        if (known.get(file.name) === false) throw new MigrationChangedError(file.name);
      }
      // The shim is idempotent: a changed shim simply runs again.
      const pending = all.filter((file) => (file.name === SHIM_VERSION ? known.get(file.name) !== true : !known.has(file.name)));
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
