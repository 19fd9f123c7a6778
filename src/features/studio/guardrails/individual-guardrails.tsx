import { useCallback, useState } from 'react';
import type { Guardrails } from '@/lib/tavus';
import type { GuardrailCreate } from '@/lib/tavus/resources/guardrails.schema';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import { ConfirmButton } from '../shared/confirm-button';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad } from '../shared/use-load';
import { GuardrailForm } from './guardrail-form';

const itemOf = (g: Guardrails) => (g.data?.[0] ?? {}) as Record<string, unknown>;
const nameOf = (g: Guardrails) => String(itemOf(g).guardrail_name ?? g.guardrails_id);

/**
 * Individual guardrails, as Tavus now models them: each its own resource, attached to personas by
 * id or by tag in the persona editor. Created and deleted here (Tavus lists them with legacy=false).
 */
export function IndividualGuardrails() {
  const services = useServices();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const tavus = await services.tavus();
      const items: Guardrails[] = [];
      for await (const item of tavus.guardrails.list({ legacy: false, limit: 50 }, { signal })) items.push(item);
      return items;
    },
    [services],
  );
  const { data: items, error, loading, reload } = useLoad(queryKeys.studio('guardrails', 'individual'), load);

  async function run(work: () => Promise<string>) {
    setNotice(undefined);
    setActionError(undefined);
    try {
      setNotice(await work());
      setCreating(false);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }
  const create = (payload: GuardrailCreate) =>
    run(async () => {
      const created = await (await services.tavus()).guardrails.create(payload);
      return `Created guardrail ${nameOf(created)} (${created.guardrails_id}).`;
    });
  const remove = (g: Guardrails) =>
    run(async () => (await (await services.tavus()).guardrails.delete(g.guardrails_id), `Deleted guardrail ${nameOf(g)}.`));

  return (
    <section aria-labelledby="guardrails-title">
      <h2 id="guardrails-title">Guardrails</h2>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {creating ? (
        <GuardrailForm onSubmit={create} onCancel={() => setCreating(false)} />
      ) : (
        <p>
          <button type="button" onClick={() => setCreating(true)}>
            New guardrail
          </button>
        </p>
      )}
      {loading && !items && <p aria-busy="true">Loading…</p>}
      {items?.length === 0 && <p>No guardrails yet.</p>}
      {items && items.length > 0 && (
        <ul aria-label="Guardrails">
          {items.map((g) => {
            const item = itemOf(g);
            const tags = Array.isArray(item.tags) ? item.tags.map(String) : [];
            return (
              <li key={g.guardrails_id}>
                <code>{nameOf(g)}</code> ({String(item.modality ?? 'verbal')}): {String(item.guardrail_prompt ?? '')}
                {tags.length > 0 && <> Tags: {tags.join(', ')}.</>}{' '}
                <ConfirmButton
                  label={`Delete ${nameOf(g)}`}
                  question={`Delete guardrail ${nameOf(g)} (${g.guardrails_id}) in Tavus? Personas that use it lose it.`}
                  onConfirm={() => remove(g)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
