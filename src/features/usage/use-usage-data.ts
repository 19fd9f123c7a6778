import { useEffect, useState } from 'react';
import { useDataVersion } from '@/hooks/use-data-version';
import { useServices } from '@/lib/services';
import type { Plan, Usage, UsageReport } from '@/lib/db';

export interface UsageData {
  usage: Usage;
  plans: Plan[];
  report: UsageReport;
}

export type LoadedUsage = { version: number; data: UsageData } | { version: number; error: unknown };

/**
 * The plan, the period's figures and the report, all from the database, read again when a session
 * starts or ends (in this tab or another) or when `reload` is called.
 */
export function useUsageData() {
  const services = useServices();
  const { version, reload } = useDataVersion(services);
  const [loaded, setLoaded] = useState<LoadedUsage | null>(null);

  useEffect(() => {
    let gone = false;
    services
      .db()
      .then(async (db) => {
        const [usage, plans, report] = await Promise.all([db.usage(), db.plans(), db.usageReport()]);
        return { usage, plans, report };
      })
      .then(
        (data) => !gone && setLoaded({ version, data }),
        (error: unknown) => !gone && setLoaded({ version, error }),
      );
    return () => {
      gone = true;
    };
  }, [services, version]);

  return { loaded, current: loaded?.version === version, reload };
}
