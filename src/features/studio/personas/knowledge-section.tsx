import { SelectField, type Option } from '../shared/field';
import { CORE_FIELDS, fieldId } from './layer-fields';
import { SpecField, type FormBinding } from './spec-field';

/** The account's items the persona can point at, loaded by the editor. */
export interface PickerLists {
  replicas: Option[];
  documents: Option[];
  objectives: Option[];
  /** Legacy guardrail sets (guardrails_id). */
  guardrails: Option[];
  /** Individual guardrails (guardrail_ids). */
  guardrailItems: Option[];
}

interface KnowledgeSectionProps {
  form: FormBinding;
  lists: PickerLists;
  documentIds: string[];
  onDocumentsChange(ids: string[]): void;
  documentsError?: string | undefined;
  guardrailIds: string[];
  onGuardrailsChange(ids: string[]): void;
  guardrailsError?: string | undefined;
}

interface CheckListProps {
  path: string;
  legend: string;
  empty: string;
  choices: Option[];
  picked: string[];
  onChange(ids: string[]): void;
  error?: string | undefined;
}

/** A group of checkboxes; a picked item the list does not show (deleted, on a later page) stays visible and removable. */
function CheckList({ path, legend, empty, choices, picked, onChange, error }: CheckListProps) {
  const items = [...choices, ...picked.filter((id) => !choices.some((c) => c.value === id)).map((id) => ({ value: id, label: id }))];
  const id = fieldId(path);
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} id={id}>
      <legend>{legend}</legend>
      {items.length === 0 && <p className="studio-hint">{empty}</p>}
      {items.map((item) => (
        <div key={item.value} className="studio-check">
          <input
            type="checkbox"
            id={`${id}-${item.value}`}
            checked={picked.includes(item.value)}
            onChange={(event) => onChange(event.target.checked ? [...picked, item.value] : picked.filter((p) => p !== item.value))}
          />
          <label htmlFor={`${id}-${item.value}`}>{item.label}</label>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}

const GUARDRAIL_TAGS = CORE_FIELDS.find((f) => f.path === 'guardrail_tags')!;

/** Replica, documents, objectives and guardrails: picked from what the Tavus account holds. */
export function KnowledgeSection(props: KnowledgeSectionProps) {
  const { form, lists } = props;
  const pick = (path: string, label: string, choices: Option[], hint: string) => (
    <SelectField
      id={fieldId(path)}
      label={label}
      value={form.values[path] ?? ''}
      onChange={(value) => form.set(path, value)}
      error={form.errors[path]}
      options={choices}
      emptyLabel="None"
      hint={hint}
    />
  );
  return (
    <fieldset className="studio-section">
      <legend>Replica and knowledge</legend>
      {pick('default_replica_id', 'Default replica', lists.replicas, 'Used when a conversation names no replica.')}
      <CheckList
        path="document_ids"
        legend="Documents"
        empty="No documents yet: add some under Documents."
        choices={lists.documents}
        picked={props.documentIds}
        onChange={props.onDocumentsChange}
        error={props.documentsError}
      />
      {pick('objectives_id', 'Objectives', lists.objectives, 'The goals the persona works through (Studio, Objectives).')}
      <CheckList
        path="guardrail_ids"
        legend="Guardrails"
        empty="No guardrails yet: add some under Guardrails."
        choices={lists.guardrailItems}
        picked={props.guardrailIds}
        onChange={props.onGuardrailsChange}
        error={props.guardrailsError}
      />
      <SpecField spec={GUARDRAIL_TAGS} form={form} />
      {pick('guardrails_id', 'Guardrail set (older model)', lists.guardrails, 'A set of rules made before guardrails stood alone.')}
    </fieldset>
  );
}
