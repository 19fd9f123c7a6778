import { PGlite, protocol } from '@electric-sql/pglite';
import { describeMessages, flushAtCommit, IDLE_WRITE_MS } from '@/lib/db/embedded/flush-at-commit';

const { serialize } = protocol;

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('describeMessages', () => {
  it('tells statements that run from the messages that end a cycle', () => {
    expect(describeMessages(serialize.parse({ text: 'select 1' }))).toEqual({ runs: false, ends: false });
    expect(describeMessages(serialize.bind({}))).toEqual({ runs: false, ends: false });
    expect(describeMessages(serialize.execute({}))).toEqual({ runs: true, ends: false });
    expect(describeMessages(serialize.sync())).toEqual({ runs: false, ends: true });
    expect(describeMessages(serialize.query('commit'))).toEqual({ runs: true, ends: true });
    expect(describeMessages(concat(serialize.parse({ text: 'select 1' }), serialize.execute({}), serialize.sync()))).toEqual({
      runs: true,
      ends: true,
    });
  });

  it('counts what it cannot read as running and ending, so it is written out', () => {
    expect(describeMessages(new Uint8Array([0, 0, 0, 8, 0, 3, 0, 0]))).toEqual({ runs: true, ends: true });
    expect(describeMessages(new Uint8Array([0x50, 0, 0]))).toEqual({ runs: true, ends: true });
    expect(describeMessages(new Uint8Array([0x50, 0, 0, 0, 1]))).toEqual({ runs: true, ends: true });
  });
});

describe('flushAtCommit', () => {
  let pg: PGlite;
  /** Each write of the data directory, with whether a transaction block was open at the time. */
  let writes: Array<{ inTransaction: boolean }> = [];
  let events: string[] = [];
  let failNext = false;

  beforeAll(async () => {
    pg = new PGlite();
    await pg.waitReady;
    await pg.exec('create table note (id int primary key, body text)');
    pg.syncToFs = async () => {
      if (failNext) {
        failNext = false;
        throw new Error('quota exceeded');
      }
      writes.push({ inTransaction: pg.isInTransaction() });
      events.push('write');
    };
    flushAtCommit(pg);
  });
  afterAll(async () => {
    await pg.close();
  });
  beforeEach(async () => {
    await pg.exec('delete from note');
    writes = [];
    events = [];
  });

  it('writes a transaction out once, after its commit and before the caller hears of it', async () => {
    await pg.transaction(async (tx) => {
      await tx.query('insert into note values ($1, $2)', [1, 'one']);
      await tx.query('insert into note values ($1, $2)', [2, 'two']);
      await tx.query('select count(*) from note');
    });
    events.push('committed');
    expect(writes).toEqual([{ inTransaction: false }]);
    expect(events).toEqual(['write', 'committed']);
  });

  it('writes each statement run outside a transaction once', async () => {
    await pg.query('insert into note values ($1, $2)', [3, 'three']);
    await pg.exec('update note set body = upper(body)');
    expect(writes).toHaveLength(2);
    expect((await pg.query<{ body: string }>('select body from note')).rows).toEqual([{ body: 'THREE' }]);
  });

  it('writes nothing after a rollback that left no file changed, nor when nothing ran', async () => {
    await expect(
      pg.transaction(async (tx) => {
        await tx.query('insert into note values (4, $1)', ['four']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(writes).toEqual([]); // the insert lived in memory only: the files are as last written
    await pg.syncToFs();
    expect(writes).toEqual([]);
    expect((await pg.query('select * from note where id = 4')).rows).toEqual([]);
  });

  it('writes the messages a tab sends one by one (as the multi-tab worker runs them) at the sync that ends them', async () => {
    await pg.execProtocolStream(serialize.query('begin'));
    await pg.execProtocolStream(serialize.parse({ text: "insert into note values (5, 'five')" }));
    await pg.execProtocolStream(serialize.bind({}));
    await pg.execProtocolStream(serialize.execute({}));
    await pg.execProtocolStream(serialize.sync());
    await pg.syncToFs(); // asked inside the transaction block: waits for the commit
    expect(writes).toEqual([]);
    await pg.execProtocolStream(serialize.query('commit'));
    expect(writes).toEqual([{ inTransaction: false }]);

    await pg.execProtocolStream(serialize.parse({ text: 'delete from note' }));
    await pg.execProtocolStream(serialize.bind({}));
    await pg.execProtocolStream(serialize.execute({}));
    expect(writes).toHaveLength(1);
    await pg.execProtocolStream(serialize.sync());
    expect(writes).toHaveLength(2);
    expect((await pg.query('select * from note')).rows).toEqual([]);
  });

  it('writes nothing for a transaction that only read, and the next write still goes out', async () => {
    await pg.query("insert into note values (7, 'seven')");
    writes = [];
    await pg.transaction(async (tx) => {
      await tx.query('select count(*) from note');
      await tx.query('select body from note where id = $1', [7]);
    });
    await pg.query('select * from note');
    await pg.exec('select 1; select 2');
    expect(writes).toEqual([]);
    await pg.query("update note set body = 'SEVEN' where id = 7");
    expect(writes).toEqual([{ inTransaction: false }]);
  });

  it('opened from the store, a first transaction that only reads writes nothing; else the first one writes', async () => {
    const count = { writes: 0 };
    const open = async (stored: boolean) => {
      const db = new PGlite();
      await db.exec('create table seen (id int)');
      db.syncToFs = async () => void (count.writes += 1);
      flushAtCommit(db, { stored });
      return db;
    };
    const fromStore = await open(true);
    await fromStore.query('select count(*) from seen');
    expect(count.writes).toBe(0);
    await fromStore.query('insert into seen values (1)');
    expect(count.writes).toBe(1);
    const fresh = await open(false);
    await fresh.query('select count(*) from seen');
    expect(count.writes).toBe(2);
    await Promise.all([fromStore.close(), fresh.close()]);
  });

  it('held, writes nothing; released, writes what was held once idle, or with the next commit if that comes first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const log: string[] = [];
      const db = new PGlite();
      await db.exec('create table seen (id int)');
      db.syncToFs = async () => void log.push('write');
      const writes = flushAtCommit(db, { held: true });
      await db.query('insert into seen values (1)');
      await db.transaction((tx) => tx.query('insert into seen values (2)'));
      expect(log).toEqual([]); // the caller heard of both commits: nothing was written
      writes.release();
      await vi.advanceTimersByTimeAsync(IDLE_WRITE_MS - 1);
      expect(log).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(log).toEqual(['write']); // idle: both go out in one write

      // Held again (a second database), then a commit comes before the database is idle: it writes at once.
      const other = new PGlite();
      await other.exec('create table seen (id int)');
      const otherLog: string[] = [];
      other.syncToFs = async () => void otherLog.push('write');
      const otherWrites = flushAtCommit(other, { held: true });
      await other.query('insert into seen values (1)');
      otherWrites.release();
      await vi.advanceTimersByTimeAsync(IDLE_WRITE_MS / 2);
      await other.query('insert into seen values (2)');
      expect(otherLog).toEqual(['write']);
      await vi.advanceTimersByTimeAsync(IDLE_WRITE_MS * 2);
      expect(otherLog).toEqual(['write']); // nothing left to write once idle
      await Promise.all([db.close(), other.close()]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a commit made while a write is under way is written after it, and its caller waits for its own write', async () => {
    const db = new PGlite();
    await db.exec('create table seen (id int)');
    const log: string[] = [];
    let finishFirst: () => void = () => undefined;
    let calls = 0;
    db.syncToFs = async () => {
      calls += 1;
      const n = calls;
      log.push(`start ${n}`);
      if (n === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      log.push(`end ${n}`);
    };
    flushAtCommit(db);
    const first = db.query('insert into seen values (1)');
    await vi.waitFor(() => expect(log).toEqual(['start 1']));
    const second = db.query('insert into seen values (2)').then(() => log.push('second heard'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['start 1']); // the second commit's write waits for the first
    finishFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'second heard']);
    await db.close();
  });

  it('a failed write is tried again at the next chance', async () => {
    failNext = true;
    await expect(pg.execProtocolStream(serialize.query("insert into note values (6, 'six')"))).rejects.toThrow('quota exceeded');
    expect(writes).toEqual([]);
    await pg.syncToFs();
    expect(writes).toEqual([{ inTransaction: false }]);
  });
});
