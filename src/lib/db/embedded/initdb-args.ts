/**
 * How the browser's database is made on a first visit. WAL segments of 1 MB instead of 16: the
 * IndexedDB store keeps whole files, so with 16 MB segments each commit stored 16 MB again and every
 * open loaded them (initdb then also sizes min/max_wal_size to the segment). A database made before
 * keeps its segment size.
 */
export const INITDB_ARGS: string[] = ['--wal-segsize=1'];
