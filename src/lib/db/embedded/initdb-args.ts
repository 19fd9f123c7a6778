import { PGlite } from '@electric-sql/pglite';

/**
 * How the browser's database is made on a first visit. WAL segments of 1 MB instead of 16: the
 * IndexedDB store keeps whole files, so with 16 MB segments each commit stored 16 MB again and every
 * open loaded them (initdb then also sizes min/max_wal_size to the segment). A database made before
 * keeps its segment size.
 */
export const INITDB_ARGS: string[] = ['--wal-segsize=1'];

/**
 * How the browser's database starts: PGlite's own arguments, and a buffer pool of 16 MB instead of
 * Postgres's default 128 MB. Postgres sets the pool up at every start, ~100 ms of a browser's open
 * in WebAssembly; the whole database is a few MB, so 16 MB still holds all of it.
 */
export const START_PARAMS: string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
