import { PGlite } from '@electric-sql/pglite';
import { schemaHash } from 'virtual:awaknow-embedded-db';
import { createEmbeddedDb } from '@/lib/db';
import { recordedSchemaHash, recordSchemaHash, type SchemaSource } from '@/lib/db/embedded/migrate';
import { prebuildDatabase } from '@/lib/db/embedded/prebuild';
import { prepareForTabs, preparedUserId } from '@/lib/db/embedded/prepare';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';

// A browser keeps its database from one build to the next. These open it as the browser's worker
// does (prepareForTabs with the build's schema hash), from the files its store holds (a dump of the
// data directory: IndexedDB holds exactly those files), and check what a returning user finds.

/** The schema loader the worker hands over, counting how often the schema files were loaded. */
function counted(source: SchemaSource) {
  const loader = async () => {
    loader.calls += 1;
    return source;
  };
  loader.calls = 0;
  return loader;
}

const PREVIOUS_HASH = '0123456789abcdef'; // what the earlier build called its schema

let current: SchemaSource;
let earlier: SchemaSource;
let newest: string;
beforeAll(async () => {
  current = await loadDiskSchema();
  newest = current.migrations
    .map((file) => file.name)
    .sort()
    .at(-1)!;
  earlier = { ...current, migrations: current.migrations.filter((file) => file.name !== newest) };
}, 60_000);

describe('a database kept from an earlier build', () => {
  it('is migrated on open, keeps its user and sessions, and records the new schema', async () => {
    // The earlier build: its prebuilt directory, opened and used by its worker.
    const { tarball } = await prebuildDatabase(earlier, PREVIOUS_HASH);
    const before = await PGlite.create({ loadDataDir: new Blob([tarball]) });
    let stored: Blob;
    let userId: string;
    let sessionId: string;
    try {
      await prepareForTabs(before, counted(earlier), PREVIOUS_HASH);
      userId = await preparedUserId(before);
      const db = createEmbeddedDb({ pglite: before });
      sessionId = (await db.startSession({ sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA })).id;
      await db.close();
      stored = await before.dumpDataDir('gzip');
    } finally {
      await before.close();
    }

    // This build opens what the browser kept.
    const after = await PGlite.create({ loadDataDir: stored });
    try {
      const load = counted(current);
      await prepareForTabs(after, load, schemaHash);
      expect(load.calls).toBe(1);
      expect(await preparedUserId(after)).toBe(userId);
      const applied = await after.query<{ version: string }>(
        'select version from supabase_migrations.schema_migrations where version = $1',
        [newest],
      );
      expect(applied.rows).toEqual([{ version: newest }]);
      expect(await recordedSchemaHash(after)).toBe(schemaHash);
      const db = createEmbeddedDb({ pglite: after });
      expect((await db.currentSession())?.id).toBe(sessionId);
      await db.close();

      // The next open finds the schema recorded: no schema file is loaded, the same user answers.
      const again = counted(current);
      await prepareForTabs(after, again, schemaHash);
      expect(again.calls).toBe(0);
      expect(await preparedUserId(after)).toBe(userId);
    } finally {
      await after.close();
    }
  }, 120_000);

  it("opens a database that records the build's schema without loading a schema file", async () => {
    const { tarball } = await prebuildDatabase(current, schemaHash);
    const pg = await PGlite.create({ loadDataDir: new Blob([tarball]) });
    try {
      const load = counted(current);
      await prepareForTabs(pg, load, schemaHash);
      expect(load.calls).toBe(0);
      const db = createEmbeddedDb({ pglite: pg });
      expect((await db.usage()).plan.id).toBe('free');
      await db.close();
    } finally {
      await pg.close();
    }
  }, 120_000);

  it('refuses to record a schema name that is not a hash, and records nothing', async () => {
    const pg = new PGlite();
    try {
      await expect(recordSchemaHash(pg, "x'; drop schema public; --")).rejects.toThrow(/Not a schema hash/);
      expect(await recordedSchemaHash(pg)).toBeNull();
      expect((await pg.query(`select to_regnamespace('public') is not null as kept`)).rows).toEqual([{ kept: true }]);
    } finally {
      await pg.close();
    }
  });
});
