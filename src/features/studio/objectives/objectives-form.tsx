import { useState, type FormEvent } from 'react';
import { emptyObjective, validateObjectives, type ObjectiveDraft } from './objective-draft';
import { ObjectiveFields } from './objective-fields';
import { ObjectiveGraph } from './objective-graph';

interface ObjectivesFormProps {
  initial: ObjectiveDraft[];
  submitLabel: string;
  onSubmit(data: Record<string, unknown>[]): Promise<void>;
  onCancel?: () => void;
}

/** A set of objectives with its flow drawn as it is edited. */
export function ObjectivesForm({ initial, submitLabel, onSubmit, onCancel }: ObjectivesFormProps) {
  const [drafts, setDrafts] = useState(initial.length ? initial : [emptyObjective()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data, errors: found } = validateObjectives(drafts);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit(data);
    } finally {
      setBusy(false);
    }
  }

  const names = drafts.map((d) => d.objective_name.trim()).filter(Boolean);
  const count = Object.keys(errors).length;
  return (
    <form noValidate onSubmit={submit} aria-label="Objectives">
      {count > 0 && (
        <p role="alert" className="notice studio-error">
          {count === 1 ? 'One field needs' : `${count} fields need`} attention. Nothing was saved.
        </p>
      )}
      {drafts.map((draft, i) => (
        <ObjectiveFields
          key={i}
          index={i}
          draft={draft}
          others={names.filter((n) => n !== draft.objective_name.trim())}
          errors={errors}
          onChange={(next) => setDrafts((all) => all.map((d, j) => (j === i ? next : d)))}
          onRemove={drafts.length > 1 ? () => setDrafts((all) => all.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <h4>Flow preview</h4>
      <ObjectiveGraph
        label="Objective flow preview"
        items={drafts.map((d) => ({
          ...d,
          next_conditional_objectives: Object.fromEntries(
            d.next_conditional_objectives
              .split('\n')
              .filter((l) => l.includes(':'))
              .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
          ),
        }))}
      />
      <p className="studio-toolbar">
        <button type="button" className="secondary" onClick={() => setDrafts((all) => [...all, emptyObjective()])}>
          Add objective
        </button>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
    </form>
  );
}
