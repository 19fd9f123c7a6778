import { useCallback, useEffect, useState } from 'react';
import type { Services } from '@/lib/services';

/**
 * A number that goes up whenever the sessions change (in this tab, another tab or, by polling,
 * another device) or when `reload` is called: a page re-reads its data when it changes.
 */
export function useDataVersion(services: Pick<Services, 'db'>): { version: number; reload: () => void } {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let gone = false;
    let unsubscribe: (() => void) | undefined;
    services.db().then(
      (db) => {
        if (!gone) unsubscribe = db.subscribe(() => setVersion((v) => v + 1));
      },
      () => undefined, // the page's own load reports the failure
    );
    return () => {
      gone = true;
      unsubscribe?.();
    };
  }, [services]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { version, reload };
}
