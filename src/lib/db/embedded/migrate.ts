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
 * Brings the database up to the given schema: the shim whenever its text changed (it is
 * idempotent), then each migration not yet recorded, each in its own transaction with its record.
 * Several tabs may call this at once: transactions are serialised, and each migration is checked
 * again under a row lock before it runs.
 */
export async function migrate(pg: PGliteInterface, source: SchemaSource): Promise<{ applied: string[] }> {
  const files = [...source.migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set<string>();
  for (const file of files) {
    if (!/^[\w.-]+\.sql$/.test(file.name) || names.has(file.name) || file.name === SHIM_VERSION) {
      throw new DbError('db_error', `Migration file name ${JSON.stringify(file.name)} is not usable (duplicate or not *.sql).`);
    }
    names.add(file.name);
  }

  await pg.exec(BOOTSTRAP);
  const known = new Map(
    (
      await pg.query<{ version: string; checksum: string; current: string }>(
        `select m.version, m.checksum, md5(f.sql) as current
           from supabase_migrations.schema_migrations m
           join unnest($1::text[], $2::text[]) as f(name, sql) on f.name = m.version`,
        [
          [SHIM_VERSION, ...files.map((f) => f.name)],
          [source.shim, ...files.map((f) => f.sql)],
        ],
      )
    ).rows.map((row) => [row.version, row]),
  );

  const applied: string[] = [];
  const shim = known.get(SHIM_VERSION);
  if (!shim || shim.checksum !== shim.current) {
    if (await applyOne(pg, SHIM_VERSION, source.shim, { rerunWhenChanged: true })) applied.push(SHIM_VERSION);
  }
  for (const file of files) {
    const row = known.get(file.name);
    if (row) {
      if (row.checksum !== row.current) throw new MigrationChangedError(file.name);
      continue;
    }
    if (await applyOne(pg, file.name, file.sql, { rerunWhenChanged: false })) applied.push(file.name);
  }
  return { applied };
}

async function applyOne(pg: PGliteInterface, version: string, sql: string, options: { rerunWhenChanged: boolean }): Promise<boolean> {
  try {
    return await pg.transaction(async (tx) => {
      const { rows } = await tx.query<{ same: boolean }>(
        'select checksum = md5($2) as same from supabase_migrations.schema_migrations where version = $1 for update',
        [version, sql],
      );
      const existing = rows[0];
      if (existing?.same) return false; // another tab got there first
      if (existing && !options.rerunWhenChanged) throw new MigrationChangedError(version);
      await tx.exec(sql);
      await tx.query(
        `insert into supabase_migrations.schema_migrations (version, checksum) values ($1, md5($2))
         on conflict (version) do update set checksum = excluded.checksum, applied_at = now()`,
        [version, sql],
      );
      return true;
    });
  } catch (error) {
    if (error instanceof DbError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DbError('db_error', `Could not apply ${version} to the local database: ${message}`, { cause: error });
  }
}
