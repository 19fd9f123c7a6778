import { worker } from '@electric-sql/pglite/worker';
import { PGlite } from '@electric-sql/pglite';
import { flushAtCommit } from './flush-at-commit';
import { INITDB_ARGS } from './initdb-args';

// One worker per tab; only the elected leader's runs `init`, and every tab's queries go through it,
// so all tabs share one database (and one set of row locks and unique indexes).
void worker({
  async init(options) {
    return flushAtCommit(await PGlite.create({ dataDir: options.dataDir ?? 'idb://awaknow', initDbStartParams: INITDB_ARGS }));
  },
});
