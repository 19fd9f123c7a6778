import { PGlite } from '@electric-sql/pglite';
import { INITDB_ARGS, START_PARAMS } from '@/lib/db/embedded/initdb-args';
import { createEmbeddedDb } from '@/lib/db/embedded/embedded-db';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';

it("the browser's database, made and started with its arguments, has small WAL segments and buffer pool, and runs the app", async () => {
  const pg = await PGlite.create({ initDbStartParams: INITDB_ARGS, startParams: START_PARAMS });
  const db = createEmbeddedDb({ pglite: pg, loadSchema: loadDiskSchema });
  try {
    const settings = await pg.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('wal_segment_size', 'min_wal_size', 'max_wal_size', 'shared_buffers') order by name`,
    );
    expect(settings.rows).toEqual([
      { name: 'max_wal_size', setting: '64' },
      { name: 'min_wal_size', setting: '5' },
      { name: 'shared_buffers', setting: String((16 * 1024) / 8) }, // in 8 kB pages
      { name: 'wal_segment_size', setting: String(1024 * 1024) },
    ]);
    const started = await db.startSession({ sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA });
    expect((await db.currentSession())?.id).toBe(started.id);
  } finally {
    await db.close();
    await pg.close();
  }
});
