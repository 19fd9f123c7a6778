import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useServices } from '@/lib/services';
import { lastAnswer, queryKeys } from '@/lib/server-state';
import type { PageOf, SessionHistoryItem } from '@/lib/db';

/**
 * One page of the user's sessions, read again when the database reports a change (a session
 * started or ended in another tab) or when `reload` is called. While the next page loads, the last
 * one stays on screen, marked as not current.
 */
export function useSessionHistory(page: number, pageSize: number) {
  const services = useServices();
  const query = useQuery({
    queryKey: queryKeys.sessionHistory(page, pageSize),
    queryFn: async (): Promise<PageOf<SessionHistoryItem>> => (await services.db()).listSessionHistory({ page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const { loaded, current } = lastAnswer(query);
  return { loaded: loaded && ('data' in loaded ? { result: loaded.data } : loaded), current, reload: () => void query.refetch() };
}
