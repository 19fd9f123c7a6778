import { PGliteWorker } from '@electric-sql/pglite/worker';

// One tab of the database shared through the multi-tab worker, as browser.ts opens it, driven by
// the test through window.tab.
const leader = new Worker(new URL('./leader.worker.ts', import.meta.url), { type: 'module' });
let asked = 0;
leader.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data.type === 'test:transaction-lock-asked') asked += 1;
});
const db = new PGliteWorker(leader, { id: 'multi-tab-test' });

let release: (() => void) | undefined;

const tab = {
  db,
  /** How many calls of every tab asked the leader for the transaction lock (the leader's tab only). */
  asked: () => asked,
  /** Starts a transaction that runs `sql`, then holds the database until `letGo` (or the tab closes). */
  async hold(sql = 'select 1'): Promise<void> {
    await new Promise<void>((started) => {
      void db.transaction(async (tx) => {
        await tx.query(sql);
        started();
        await new Promise<void>((resolve) => (release = resolve));
      });
    });
  },
  letGo: () => release?.(),
};
Object.assign(window, { tab });
export type Tab = typeof tab;
