import { useState, type FormEvent } from 'react';
import { guardrailsCreateSchema } from '@/lib/tavus/schemas';
import { SelectField, TextAreaField, TextField, options } from '../shared/field';
import { compact } from '../shared/set-patch';
import type { SetPayload } from '../shared/set-page';

export interface GuardrailDraft {
  guardrail_name: string;
  guardrail_prompt: string;
  modality: string;
  callback_url: string;
  extra: Record<string, unknown>;
}

const FORM_KEYS = ['guardrail_name', 'guardrail_prompt', 'modality', 'callback_url'];
const empty = (): GuardrailDraft => ({ guardrail_name: '', guardrail_prompt: '', modality: 'verbal', callback_url: '', extra: {} });

export function toGuardrailDraft(item: Record<string, unknown>): GuardrailDraft {
  const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
  return {
    guardrail_name: text('guardrail_name'),
    guardrail_prompt: text('guardrail_prompt'),
    modality: text('modality'),
    callback_url: text('callback_url'),
    extra: Object.fromEntries(Object.entries(item).filter(([key]) => !FORM_KEYS.includes(key))),
  };
}

const fromDraft = (d: GuardrailDraft) =>
  compact({
    ...d.extra,
    guardrail_name: d.guardrail_name.trim(),
    guardrail_prompt: d.guardrail_prompt.trim(),
    modality: d.modality,
    callback_url: d.callback_url.trim(),
  });

type DraftField = 'guardrail_name' | 'guardrail_prompt' | 'modality' | 'callback_url';

interface GuardrailFieldsProps {
  idPrefix: string;
  draft: Pick<GuardrailDraft, DraftField>;
  onChange(field: DraftField, value: string): void;
  errorOf(field: DraftField): string | undefined;
}

/** The fields of one guardrail, in a set or on its own. */
export function GuardrailFields({ idPrefix, draft, onChange, errorOf }: GuardrailFieldsProps) {
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label="Guardrail name"
        value={draft.guardrail_name}
        onChange={(value) => onChange('guardrail_name', value)}
        error={errorOf('guardrail_name')}
        hint="Letters, digits and _ only, e.g. no_medical_advice."
        required
      />
      <TextAreaField
        id={`${idPrefix}-prompt`}
        label="Guardrail prompt"
        value={draft.guardrail_prompt}
        onChange={(value) => onChange('guardrail_prompt', value)}
        error={errorOf('guardrail_prompt')}
        rows={3}
        required
      />
      <SelectField
        id={`${idPrefix}-modality`}
        label="Modality"
        value={draft.modality}
        onChange={(value) => onChange('modality', value)}
        error={errorOf('modality')}
        options={options('verbal', 'visual')}
        emptyLabel="Tavus default"
      />
      <TextField
        id={`${idPrefix}-callback`}
        type="url"
        label="Callback URL"
        value={draft.callback_url}
        onChange={(value) => onChange('callback_url', value)}
        error={errorOf('callback_url')}
        hint="Optional: Tavus posts here when the guardrail is triggered."
      />
    </>
  );
}

interface GuardrailsFormProps {
  initialName: string;
  initial: GuardrailDraft[];
  submitLabel: string;
  onSubmit(payload: SetPayload): Promise<void>;
  onCancel?: (() => void) | undefined;
}

/** A named set of rules the persona keeps throughout every conversation. */
export function GuardrailsForm({ initialName, initial, submitLabel, onSubmit, onCancel }: GuardrailsFormProps) {
  const [name, setName] = useState(initialName);
  const [drafts, setDrafts] = useState(initial.length ? initial : [empty()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const data = drafts.map(fromDraft);
    const checked = data.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => FORM_KEYS.includes(key))));
    const parsed = guardrailsCreateSchema.safeParse({ name: name.trim(), data: checked });
    const found: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [top, index, field] = issue.path.map(String);
        found[top === 'name' ? 'name' : `${index}.${field ?? 'guardrail_name'}`] ??= issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), data });
    } finally {
      setBusy(false);
    }
  }

  const set = (i: number, field: DraftField) => (value: string) =>
    setDrafts((all) => all.map((d, j) => (j === i ? { ...d, [field]: value } : d)));
  const count = Object.keys(errors).length;
  return (
    <form noValidate onSubmit={submit} aria-label="Guardrails">
      {count > 0 && (
        <p role="alert" className="notice studio-error">
          {count === 1 ? 'One field needs' : `${count} fields need`} attention. Nothing was saved.
        </p>
      )}
      <TextField id="guardrails-name" label="Set name" value={name} onChange={setName} error={errors.name} required />
      {drafts.map((d, i) => (
        <fieldset key={i} className="studio-section">
          <legend>
            Guardrail {i + 1}
            {d.guardrail_name ? `: ${d.guardrail_name}` : ''}
          </legend>
          <GuardrailFields
            idPrefix={`guardrail-${i}`}
            draft={d}
            onChange={(field, value) => set(i, field)(value)}
            errorOf={(field) => errors[`${i}.${field}`]}
          />
          {drafts.length > 1 && (
            <button type="button" className="secondary" onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
              Remove guardrail {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <p className="studio-toolbar">
        <button type="button" className="secondary" onClick={() => setDrafts((all) => [...all, empty()])}>
          Add guardrail
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
