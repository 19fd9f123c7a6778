import type { Guardrails, TavusClient } from '@/lib/tavus';
import { guardrailsCreateSchema, type GuardrailsCreate } from '@/lib/tavus/resources/guardrails.schema';
import { validate } from '@/lib/tavus/resources/shared';
import { compact } from '../shared/set-patch';
import { SetPage, type SetPayload } from '../shared/set-page';
import { GuardrailsForm, toGuardrailDraft } from './guardrails-form';
import { IndividualGuardrails } from './individual-guardrails';

const resource = (tavus: TavusClient) => tavus.guardrails;
const toCreate = (payload: SetPayload) => validate(guardrailsCreateSchema, payload, 'POST /v2/guardrails');
const items = (set: Guardrails) => (set.data ?? []) as Record<string, unknown>[];
const nameOf = (set: Guardrails) =>
  set.guardrails_name ||
  items(set)
    .map((g) => String(g.guardrail_name))
    .join(', ') ||
  set.guardrails_id;

/** `/studio/guardrails`: strict rules a persona keeps, one by one, and the older sets; attach them in a persona. */
export function GuardrailsPage() {
  return (
    <>
      <IndividualGuardrails />
      <SetPage<Guardrails, GuardrailsCreate>
        title="Guardrail sets (older model)"
        noun="guardrails set"
        idKey="guardrails_id"
        resource={resource}
        toCreate={toCreate}
        nameOf={nameOf}
        asPayload={(set) => ({
          ...(set.guardrails_name ? { name: set.guardrails_name } : {}),
          data: items(set).map((item) => compact(item)),
        })}
        renderItem={(set) => (
          <ul>
            {items(set).map((g) => (
              <li key={String(g.guardrail_name)}>
                <code>{String(g.guardrail_name)}</code> ({String(g.modality ?? 'verbal')}): {String(g.guardrail_prompt ?? '')}
              </li>
            ))}
          </ul>
        )}
        renderForm={({ initial, submitLabel, onSubmit, onCancel }) => (
          <GuardrailsForm
            initialName={initial?.guardrails_name ?? ''}
            initial={initial ? items(initial).map(toGuardrailDraft) : []}
            submitLabel={submitLabel}
            onSubmit={onSubmit}
            onCancel={onCancel}
          />
        )}
      />
    </>
  );
}
