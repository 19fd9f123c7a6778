import { PGlite } from '@electric-sql/pglite';
import type { Usage } from '../types';
import { migrate, recordSchemaHash, type SchemaSource } from './migrate';
import { INITDB_ARGS } from './initdb-args';
import { prepareForTabs } from './prepare';
import { createEmbeddedDb } from './embedded-db';

/**
 * Half the files a browser stores and reloads on every visit: the template databases (only CREATE
 * DATABASE reads them, and the app never creates one; PGlite runs in `postgres`), and WAL segments
 * kept beyond Postgres's minimum of two. Then a checkpoint, so the tar holds no WAL to replay.
 */
const SLIM = [
  `update pg_database set datistemplate = false where datname in ('template0', 'template1')`,
  'drop database template0', // each on its own: DROP DATABASE refuses to run inside a transaction
  'drop database template1',
  `alter system set min_wal_size = '2MB'`,
  'select pg_reload_conf()',
  'checkpoint',
];

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
