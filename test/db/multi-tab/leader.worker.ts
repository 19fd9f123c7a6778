import { PGlite } from '@electric-sql/pglite';
import { worker } from '@/lib/db/embedded/tab-leader';

// The app's leader (pglite.worker.ts) on an in-memory database. It tells its own tab each time a
// tab's call asks for the transaction lock, so a test knows a call waits there before going on.
void worker({
  async init() {
    const db = await PGlite.create();
    const runExclusiveTransaction = db._runExclusiveTransaction.bind(db);
    db._runExclusiveTransaction = <T>(fn: () => Promise<T>) => {
      postMessage({ type: 'test:transaction-lock-asked' });
      return runExclusiveTransaction(fn);
    };
    return db;
  },
});
