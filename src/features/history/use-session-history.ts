import { useEffect, useState } from 'react';
import { useDataVersion } from '@/hooks/use-data-version';
import { useServices } from '@/lib/services';
import type { PageOf, SessionHistoryItem } from '@/lib/db';

export type Loaded = { key: string; result: PageOf<SessionHistoryItem> } | { key: string; error: unknown };

/**
 * One page of the user's sessions, read again when the database reports a change (a session
 * started or ended in another tab) or when `reload` is called. While the next page loads, the last
 * one stays on screen, marked as not current.
 */
export function useSessionHistory(page: number, pageSize: number) {
  const services = useServices();
  const { version, reload } = useDataVersion(services);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${page}/${pageSize}/${version}`;

  useEffect(() => {
    let gone = false;
    services
      .db()
      .then((db) => db.listSessionHistory({ page, pageSize }))
      .then(
        (result) => !gone && setLoaded({ key, result }),
        (error: unknown) => !gone && setLoaded({ key, error }),
      );
    return () => {
      gone = true;
    };
  }, [services, page, pageSize, key]);

  return { loaded, current: loaded?.key === key, reload };
}
