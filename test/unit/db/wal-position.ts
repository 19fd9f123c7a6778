import type { PGliteInterface } from '@electric-sql/pglite';

/** Where Postgres would write its next WAL record: unchanged between two reads means nothing was written. */
export async function walPosition(pg: PGliteInterface): Promise<string> {
  return (await pg.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0]!.lsn;
}
