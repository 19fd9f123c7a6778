import { SelectField, TextAreaField, TextField, options } from '../shared/field';
import type { ObjectiveDraft } from './objective-draft';

interface ObjectiveFieldsProps {
  index: number;
  draft: ObjectiveDraft;
  /** The other objectives' names, for "next required". */
  others: string[];
  errors: Record<string, string>;
  onChange(draft: ObjectiveDraft): void;
  onRemove?: (() => void) | undefined;
}

/** One objective of a set. */
export function ObjectiveFields({ index, draft, others, errors, onChange, onRemove }: ObjectiveFieldsProps) {
  const id = (field: string) => `objective-${index}-${field}`;
  const err = (field: string) => errors[`${index}.${field}`];
  const set = (field: keyof ObjectiveDraft) => (value: string) => onChange({ ...draft, [field]: value });
  const title = `Objective ${index + 1}${draft.objective_name ? `: ${draft.objective_name}` : ''}`;
  const nextError = err('next_required_objectives');
  return (
    <fieldset className="studio-section">
      <legend>{title}</legend>
      <TextField
        id={id('name')}
        label="Objective name"
        value={draft.objective_name}
        onChange={set('objective_name')}
        error={err('objective_name')}
        hint="No spaces, e.g. recall_assessment."
        required
      />
      <TextAreaField
        id={id('prompt')}
        label="Objective prompt"
        value={draft.objective_prompt}
        onChange={set('objective_prompt')}
        error={err('objective_prompt')}
        rows={3}
        required
      />
      <SelectField
        id={id('confirmation')}
        label="Confirmation mode"
        value={draft.confirmation_mode}
        onChange={set('confirmation_mode')}
        error={err('confirmation_mode')}
        options={options('auto', 'manual')}
        emptyLabel="Tavus default"
        hint="auto: the replica decides when the objective is met; manual: your app confirms it."
      />
      <SelectField
        id={id('modality')}
        label="Modality"
        value={draft.modality}
        onChange={set('modality')}
        error={err('modality')}
        options={options('verbal', 'visual')}
        emptyLabel="Tavus default"
      />
      <TextField
        id={id('outputs')}
        label="Output variables"
        value={draft.output_variables}
        onChange={set('output_variables')}
        error={err('output_variables')}
        hint="Comma separated, e.g. user_goal, confidence."
      />
      <fieldset id={id('next')} aria-describedby={nextError ? `${id('next')}-error` : undefined}>
        <legend>Next required objectives</legend>
        {others.length === 0 && <p className="studio-hint">Add another objective to link to it.</p>}
        {others.map((name) => (
          <div key={name} className="studio-check">
            <input
              type="checkbox"
              id={`${id('next')}-${name}`}
              checked={draft.next_required_objectives.includes(name)}
              onChange={(e) =>
                onChange({
                  ...draft,
                  next_required_objectives: e.target.checked
                    ? [...draft.next_required_objectives, name]
                    : draft.next_required_objectives.filter((n) => n !== name),
                })
              }
            />
            <label htmlFor={`${id('next')}-${name}`}>{name}</label>
          </div>
        ))}
        {nextError && (
          <p id={`${id('next')}-error`} className="error-text">
            {nextError}
          </p>
        )}
      </fieldset>
      <TextAreaField
        id={id('conditional')}
        label="Next conditional objectives"
        value={draft.next_conditional_objectives}
        onChange={set('next_conditional_objectives')}
        error={err('next_conditional_objectives')}
        rows={2}
        hint="One a line: objective_name: the condition, e.g. deep_dive: the user wants more detail."
      />
      <TextField
        id={id('callback')}
        type="url"
        label="Callback URL"
        value={draft.callback_url}
        onChange={set('callback_url')}
        error={err('callback_url')}
        hint="Optional: Tavus posts the output variables here when the objective completes."
      />
      {onRemove && (
        <button type="button" className="secondary" onClick={onRemove}>
          Remove objective {index + 1}
        </button>
      )}
    </fieldset>
  );
}
