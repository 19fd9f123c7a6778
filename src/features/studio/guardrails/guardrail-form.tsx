import { useState, type FormEvent } from 'react';
import { guardrailCreateSchema, type GuardrailCreate } from '@/lib/tavus/resources/guardrails.schema';
import { TextAreaField } from '../shared/field';
import { compact } from '../shared/set-patch';
import { GuardrailFields } from './guardrails-form';

interface GuardrailFormProps {
  onSubmit(payload: GuardrailCreate): Promise<void>;
  onCancel(): void;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** One guardrail on its own, with the tags a persona can attach it by. */
export function GuardrailForm({ onSubmit, onCancel }: GuardrailFormProps) {
  const [draft, setDraft] = useState({ guardrail_name: '', guardrail_prompt: '', modality: 'verbal', callback_url: '' });
  const [tags, setTags] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = compact({
      guardrail_name: draft.guardrail_name.trim(),
      guardrail_prompt: draft.guardrail_prompt.trim(),
      modality: draft.modality,
      callback_url: draft.callback_url.trim(),
      tags: lines(tags).length ? lines(tags) : undefined,
    });
    // the client's own schema, so a refusal is shown next to its field and nothing is sent
    const parsed = guardrailCreateSchema.safeParse(payload);
    const found: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'guardrail_name')] ??= issue.message;
    setErrors(found);
    if (!parsed.success) return;
    setBusy(true);
    try {
      await onSubmit(parsed.data);
    } finally {
      setBusy(false);
    }
  }

  const count = Object.keys(errors).length;
  return (
    <form noValidate onSubmit={submit} aria-label="Guardrail" className="studio-section">
      {count > 0 && (
        <p role="alert" className="notice studio-error">
          {count === 1 ? 'One field needs' : `${count} fields need`} attention. Nothing was saved.
        </p>
      )}
      <GuardrailFields
        idPrefix="guardrail-new"
        draft={draft}
        onChange={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
        errorOf={(field) => errors[field]}
      />
      <TextAreaField
        id="guardrail-new-tags"
        label="Tags"
        value={tags}
        onChange={setTags}
        error={errors.tags}
        hint="One tag a line (at most 32): a persona attaches every guardrail with one of its guardrail tags."
        rows={2}
      />
      <p className="studio-toolbar">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Create guardrail'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
