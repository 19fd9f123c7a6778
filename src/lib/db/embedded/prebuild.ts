import { PGlite } from '@electric-sql/pglite';
import type { Usage } from '../types';
import { migrate, recordSchemaHash, type SchemaSource } from './migrate';
import { INITDB_ARGS } from './initdb-args';
import { prepareForTabs } from './prepare';
import { createEmbeddedDb } from './embedded-db';

/**
 * Most of the files a browser stores and reloads on every visit are not needed: the template
 * databases (only CREATE DATABASE reads them, and the app never creates one; PGlite runs in
 * `postgres`), the catalogs' dead rows the migrations left (VACUUM FULL rewrites them compactly),
 * and WAL segments made ahead of need. With wal_recycle off Postgres removes a used segment instead
 * of keeping it renamed for later, in the browser too. Then a checkpoint, so the tar holds no WAL
 * to replay.
 */
const SLIM = [
  `update pg_database set datistemplate = false where datname in ('template0', 'template1')`,
  'drop database template0', // each on its own: DROP DATABASE refuses to run inside a transaction
  'drop database template1',
  'vacuum full',
  `alter system set min_wal_size = '2MB'`,
  'alter system set wal_recycle = off',
  'select pg_reload_conf()',
  'checkpoint',
];

const PG_WAL = '/pglite/data/pg_wal';
interface EmscriptenFs {
  readdir(path: string): string[];
  unlink(path: string): void;
}

/**
 * Removes the WAL segments after the current one: made ahead (initdb's and the recycled ones), they
 * hold nothing yet, and Postgres makes the next one when it needs it. Only after a checkpoint.
 */
async function dropSegmentsAhead(pg: PGlite): Promise<void> {
  const fs = (pg as unknown as { Module: { FS: EmscriptenFs } }).Module.FS;
  const { rows } = await pg.query<{ segment: string }>('select pg_walfile_name(pg_current_wal_insert_lsn()) as segment');
  const current = rows[0]!.segment;
  for (const name of fs.readdir(PG_WAL)) if (/^[0-9A-F]{24}$/.test(name) && name > current) fs.unlink(`${PG_WAL}/${name}`);
}

export interface PrebuiltDatabase {
  /** The data directory with the schema applied and no user yet, as PGlite's gzipped tar. */
  tarball: Uint8Array<ArrayBuffer>;
  /** What a new local user starts with, as the database reports it: the start page's first state. */
  firstUsage: Usage;
}

/**
 * Made at build time, in node, by the PGlite the browser runs: initdb (with the browser's
 * arguments) and the migrations, so a first visit loads this instead of doing both. The tar is
 * taken before the local user exists, so each browser makes its own user on first open. It records
 * `schemaHash` (the name the build gives it), so a first open skips the migrations check.
 */
export async function prebuildDatabase(source: SchemaSource, schemaHash: string): Promise<PrebuiltDatabase> {
  const pg = await PGlite.create({ initDbStartParams: INITDB_ARGS });
  try {
    // Only the schema goes in the tar; the local user below is made afterwards, to read its first state.
    await migrate(pg, source);
    await recordSchemaHash(pg, schemaHash);
    for (const statement of SLIM) await pg.exec(statement);
    await dropSegmentsAhead(pg);
    const dump = await pg.dumpDataDir('gzip');
    const tarball = new Uint8Array(await dump.arrayBuffer());
    await prepareForTabs(pg, async () => source, schemaHash); // as the browser's worker does
    const db = createEmbeddedDb({ pglite: pg });
    const firstUsage = await db.usage();
    await db.close();
    return { tarball, firstUsage };
  } finally {
    await pg.close();
  }
}
