import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { UserSettings } from '@/lib/db';
import type { TavusLanguage } from '@/lib/tavus/languages';
import type { Explained } from '../messages';
import { explainLater } from './explain-later';

/** The user's kept choices (language, memory), and the changes to them; a failed change is explained. */
export function useSettings(): {
  settings: UserSettings | undefined;
  setLanguage: (language: TavusLanguage) => void;
  setMemory: (enabled: boolean) => void;
  saving: boolean;
  error: Explained | null;
} {
  const services = useServices();
  const queries = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.settings, queryFn: async () => (await services.db()).settings() });
  const change = useMutation({
    mutationFn: async (work: (db: Awaited<ReturnType<typeof services.db>>) => Promise<UserSettings>) => work(await services.db()),
    onSuccess: (settings) => queries.setQueryData(queryKeys.settings, settings),
  });
  const failure = change.error ?? query.error;
  // the catalogue's words load when a failure needs them (the start page's first script has none)
  const mode = services.config.tavus.mode;
  const [explained, setExplained] = useState<{ failure: unknown; words: Explained } | null>(null);
  useEffect(() => {
    if (!failure) return;
    let gone = false;
    void explainLater(failure, mode).then((words) => {
      if (!gone) setExplained({ failure, words });
    });
    return () => {
      gone = true;
    };
  }, [failure, mode]);
  return {
    settings: query.data,
    setLanguage: (language) => change.mutate((db) => db.setLanguage(language)),
    setMemory: (enabled) => change.mutate((db) => db.setMemory(enabled)),
    saving: change.isPending,
    error: failure && explained?.failure === failure ? explained.words : null,
  };
}
