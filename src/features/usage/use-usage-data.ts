import { useQuery } from '@tanstack/react-query';
import { useServices } from '@/lib/services';
import { lastAnswer, queryKeys } from '@/lib/server-state';
import type { Plan, Usage, UsageReport } from '@/lib/db';

export interface UsageData {
  usage: Usage;
  plans: Plan[];
  report: UsageReport;
}

export type LoadedUsage = { data: UsageData } | { error: unknown };

/**
 * The plan, the period's figures and the report, all from the database, read again when a session
 * starts or ends (in this tab or another: the change feed invalidates it) or when `reload` is called.
 */
export function useUsageData() {
  const services = useServices();
  const query = useQuery({
    queryKey: queryKeys.usage,
    queryFn: async (): Promise<UsageData> => {
      const db = await services.db();
      const [usage, plans, report] = await Promise.all([db.usage(), db.plans(), db.usageReport()]);
      return { usage, plans, report };
    },
  });
  return { ...lastAnswer(query), reload: () => void query.refetch() };
}
