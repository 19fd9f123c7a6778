import { useCallback } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Option } from '../shared/field';
import { useLoad } from '../shared/use-load';
import type { PickerLists } from './knowledge-section';

const LIMIT = 100;

const label = (name: string | null | undefined, id: string) => (name ? `${name} (${id})` : id);

/**
 * What a persona can point at, from the Tavus account. One failing list leaves the others usable
 * (its error is returned so the editor can say which list is missing).
 */
export function usePickerLists(): { lists: PickerLists; error: unknown; loading: boolean } {
  const services = useServices();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const tavus = await services.tavus();
      const settle = async (run: () => Promise<Option[]>): Promise<{ options: Option[]; error?: unknown }> => {
        try {
          return { options: await run() };
        } catch (error) {
          return { options: [], error };
        }
      };
      const [replicas, documents, objectives, guardrails, guardrailItems] = await Promise.all([
        settle(async () =>
          (await tavus.replicas.list({ limit: LIMIT }, { signal })).data.map((r) => ({
            value: r.replica_id,
            label: `${label(r.replica_name, r.replica_id)}${r.status && r.status !== 'completed' ? `, ${r.status}` : ''}`,
          })),
        ),
        settle(async () =>
          (await tavus.documents.list({ limit: LIMIT }, { signal })).data.map((d) => ({
            value: d.document_id,
            label: label(d.document_name, d.document_id),
          })),
        ),
        settle(async () =>
          (await tavus.objectives.list({ limit: LIMIT }, { signal })).data.map((o) => ({
            value: o.objectives_id,
            label: label(o.data?.map((x) => x.objective_name).join(', ') || o.objective_name, o.objectives_id),
          })),
        ),
        settle(async () =>
          (await tavus.guardrails.list({ limit: LIMIT }, { signal })).data.map((g) => ({
            value: g.guardrails_id,
            label: label(g.guardrails_name, g.guardrails_id),
          })),
        ),
        // individual guardrails (list-guardrails with legacy=false): named by their own guardrail_name
        settle(async () =>
          (await tavus.guardrails.list({ legacy: false, limit: LIMIT }, { signal })).data.map((g) => ({
            value: g.guardrails_id,
            label: label(g.data?.[0]?.guardrail_name, g.guardrails_id),
          })),
        ),
      ]);
      const error = [replicas, documents, objectives, guardrails, guardrailItems].find((r) => r.error)?.error;
      return {
        lists: {
          replicas: replicas.options,
          documents: documents.options,
          objectives: objectives.options,
          guardrails: guardrails.options,
          guardrailItems: guardrailItems.options,
        },
        error,
      };
    },
    [services],
  );
  const { data, error, loading } = useLoad(queryKeys.studio('picker-lists'), load);
  return {
    lists: data?.lists ?? { replicas: [], documents: [], objectives: [], guardrails: [], guardrailItems: [] },
    error: error ?? data?.error,
    loading,
  };
}
