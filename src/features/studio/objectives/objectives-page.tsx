import type { Objectives, TavusClient } from '@/lib/tavus';
import { objectivesCreateSchema, type ObjectivesCreate } from '@/lib/tavus/resources/objectives.schema';
import { validate } from '@/lib/tavus/resources/shared';
import { compact } from '../shared/set-patch';
import { SetPage, type SetPayload } from '../shared/set-page';
import { toDraft } from './objective-draft';
import { ObjectiveGraph } from './objective-graph';
import { ObjectivesForm } from './objectives-form';

const resource = (tavus: TavusClient) => tavus.objectives;
const toCreate = (payload: SetPayload) => validate(objectivesCreateSchema, payload, 'POST /v2/objectives');
const items = (set: Objectives) => (set.data ?? []) as Record<string, unknown>[];
const nameOf = (set: Objectives) =>
  items(set)
    .map((o) => String(o.objective_name))
    .join(', ') ||
  set.objective_name ||
  set.objectives_id;

/** `/studio/objectives`: goal-oriented steps, their flow drawn as a graph; attach them in a persona. */
export function ObjectivesPage() {
  return (
    <SetPage<Objectives, ObjectivesCreate>
      title="Objectives"
      noun="objectives set"
      idKey="objectives_id"
      resource={resource}
      toCreate={toCreate}
      nameOf={nameOf}
      asPayload={(set) => ({ data: items(set).map((item) => compact(item)) })}
      renderItem={(set) => <ObjectiveGraph label={`Flow of ${nameOf(set)}`} items={items(set)} />}
      renderForm={({ initial, submitLabel, onSubmit, onCancel }) => (
        <ObjectivesForm
          initial={initial ? items(initial).map(toDraft) : []}
          submitLabel={submitLabel}
          onSubmit={(data) => onSubmit({ data })}
          onCancel={onCancel}
        />
      )}
    />
  );
}
