import { PGlite } from '@electric-sql/pglite';
import { dataDirUrl, firstUsage, schemaHash } from 'virtual:awaknow-embedded-db';
import { createEmbeddedDb, migrate } from '@/lib/db';
import { prebuildDatabase, type PrebuiltDatabase } from '@/lib/db/embedded/prebuild';
import { hashOf } from '@/lib/db/embedded/vite-plugin';
import { firstVisitHome } from '@/features/session/home/known-state';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';

let prebuilt: PrebuiltDatabase;
beforeAll(async () => {
  prebuilt = await prebuildDatabase(await loadDiskSchema(), schemaHash);
}, 120_000);

/** A browser's first open: PGlite loads the data directory the build made. */
const loaded = () => PGlite.create({ loadDataDir: new Blob([prebuilt.tarball]) });

describe('the prebuilt data directory', () => {
  it('holds the whole schema: opening it applies nothing, and the app runs on it as a new local user', async () => {
    const pg = await loaded();
    try {
      expect(await migrate(pg, await loadDiskSchema())).toEqual({ applied: [] });
      expect((await pg.query('select datname from pg_database')).rows).toEqual([{ datname: 'postgres' }]);
      expect((await pg.query('select count(*)::int as n from auth.users')).rows).toEqual([{ n: 0 }]); // each browser makes its own user
      const db = createEmbeddedDb({ pglite: pg, loadSchema: loadDiskSchema });
      const session = await db.startSession({ sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA });
      expect(session.status).toBe('starting');
      expect((await db.usage()).plan.id).toBe('free');
      await db.close();
    } finally {
      await pg.close();
    }
  });

  it('is migrated on open when the code has a migration it does not hold', async () => {
    const pg = await loaded();
    try {
      const schema = await loadDiskSchema();
      const added = { name: '99990101000000_added_later.sql', sql: 'create table public.added_later (id int primary key);' };
      expect(await migrate(pg, { ...schema, migrations: [...schema.migrations, added] })).toEqual({ applied: [added.name] });
      expect((await pg.query(`select to_regclass('public.added_later')::text as t`)).rows).toEqual([{ t: 'added_later' }]);
    } finally {
      await pg.close();
    }
  });

  it('holds the current WAL segment and the one Postgres opens ahead at start, not five; Postgres makes the next segments itself and a reopen finds the data', async () => {
    const pg = await loaded();
    let stored: Blob;
    try {
      const fs = (pg as unknown as { Module: { FS: { readdir(path: string): string[] } } }).Module.FS;
      const segments = () => fs.readdir('/pglite/data/pg_wal').filter((name) => /^[0-9A-F]{24}$/.test(name));
      expect(segments().length).toBeLessThanOrEqual(2);
      expect((await pg.query(`select setting from pg_settings where name = 'wal_recycle'`)).rows).toEqual([{ setting: 'off' }]);
      // Three segments' worth of WAL (1 MB each), across a checkpoint.
      await pg.exec(
        `create table public.filler (body text); insert into public.filler select repeat(md5(g::text), 32) from generate_series(1, 3000) g;`,
      );
      await pg.exec('checkpoint');
      await pg.exec(`insert into public.filler select repeat(md5(g::text), 32) from generate_series(1, 3000) g;`);
      stored = await pg.dumpDataDir('gzip');
    } finally {
      await pg.close();
    }
    const reopened = await PGlite.create({ loadDataDir: stored });
    try {
      expect((await reopened.query('select count(*)::int as n from public.filler')).rows).toEqual([{ n: 6000 }]);
    } finally {
      await reopened.close();
    }
  });

  it('is named by what it is made of: a changed migration or PGlite makes another one', () => {
    const files = [{ name: 'a.sql', sql: 'create table a ();' }];
    const base = hashOf(files, ['--wal-segsize=1'], '0.5.16', 'recipe');
    expect(hashOf([{ name: 'a.sql', sql: 'create table a ();' }], ['--wal-segsize=1'], '0.5.16', 'recipe')).toBe(base);
    expect(hashOf([{ name: 'a.sql', sql: 'create table a (id int);' }], ['--wal-segsize=1'], '0.5.16', 'recipe')).not.toBe(base);
    expect(hashOf(files, ['--wal-segsize=1'], '0.5.17', 'recipe')).not.toBe(base);
    expect(hashOf(files, [], '0.5.16', 'recipe')).not.toBe(base);
    expect(hashOf(files, ['--wal-segsize=1'], '0.5.16', 'another recipe')).not.toBe(base);
    expect(dataDirUrl).toContain(schemaHash);
  });

  it("gives the start page a new local user's state as a new database reports it", async () => {
    const pg = new PGlite();
    try {
      const db = createEmbeddedDb({ pglite: pg, loadSchema: loadDiskSchema });
      const reported = await db.usage();
      // At the instant the database made the user: a clock read here could already be in the next month.
      const shown = firstVisitHome(firstUsage, new Date(reported.subscription.periodStart)).usage;
      const instant = (usage: typeof reported) => ({
        ...usage,
        periodEnd: Date.parse(usage.periodEnd),
        subscription: {
          ...usage.subscription,
          periodStart: Date.parse(usage.subscription.periodStart),
          periodEnd: Date.parse(usage.subscription.periodEnd),
        },
      });
      expect(instant(shown)).toEqual(instant(reported));
      // The build's snapshot (cached by content, made on whatever day it was built) is the same state,
      // but for the month, which firstVisitHome replaces with the visitor's.
      const inMarch = (usage: typeof firstUsage) => firstVisitHome(usage, new Date('2026-03-10T12:00:00Z'));
      expect(inMarch(prebuilt.firstUsage)).toEqual(inMarch(firstUsage));
      await db.close();
    } finally {
      await pg.close();
    }
  });
});
