import { useRef, useState, type FormEvent } from 'react';
import type { FieldErrors, PersonaBody, PersonaFormValues } from './form-model';
import { CORE_FIELDS, FLOW_FIELDS, LLM_FIELDS, PERCEPTION_FIELDS, STT_FIELDS, TTS_FIELDS } from './layer-fields';
import { KnowledgeSection, type PickerLists } from './knowledge-section';
import { LayerSection, SpecField, type FormBinding } from './spec-field';
import { validatePersonaForm } from './validate';

interface PersonaFormProps {
  initial: PersonaFormValues;
  /** The persona as loaded: settings the form does not show are kept from here. */
  base?: PersonaBody;
  lists: PickerLists;
  submitLabel: string;
  onSubmit(body: PersonaBody): Promise<void>;
}

const [NAME, MODE, PROMPT, CONTEXT] = CORE_FIELDS;

/** The whole persona: core fields, replica and knowledge, then one section per layer. */
export function PersonaForm({ initial, base, lists, submitLabel, onSubmit }: PersonaFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const form: FormBinding = {
    values: values.fields,
    errors,
    set(path, value) {
      setValues((v) => ({ ...v, fields: { ...v.fields, [path]: value } }));
      if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
    },
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validatePersonaForm(values, base);
    setErrors(result.errors);
    if (Object.keys(result.errors).length > 0) {
      // the first invalid field on the page takes focus, once React has marked it (and opened its layer)
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await onSubmit(result.body);
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label="Persona" className="studio-form">
      {errorCount > 0 && (
        <div role="alert" className="notice studio-error">
          <p>
            <strong>{errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention.</strong> Nothing was saved.
          </p>
        </div>
      )}
      <fieldset className="studio-section">
        <legend>Persona</legend>
        <SpecField spec={NAME!} form={form} required />
        <SpecField spec={MODE!} form={form} />
        <SpecField spec={PROMPT!} form={form} required={(values.fields.pipeline_mode || 'full') === 'full'} />
        <SpecField spec={CONTEXT!} form={form} />
      </fieldset>
      <KnowledgeSection
        form={form}
        lists={lists}
        documentIds={values.documentIds}
        onDocumentsChange={(documentIds) => setValues((v) => ({ ...v, documentIds }))}
        documentsError={errors.document_ids}
        guardrailIds={values.guardrailIds}
        onGuardrailsChange={(guardrailIds) => setValues((v) => ({ ...v, guardrailIds }))}
        guardrailsError={errors.guardrail_ids}
      />
      <h3>Layers</h3>
      <LayerSection title="LLM" description="The language model that writes the replica's answers." specs={LLM_FIELDS} form={form} />
      <LayerSection title="TTS (voice)" description="How the answers are spoken." specs={TTS_FIELDS} form={form} />
      <LayerSection
        title="STT (listening)"
        description="Transcription of the participant and turn detection."
        specs={STT_FIELDS}
        form={form}
      />
      <LayerSection
        title="Conversational flow"
        description="When the replica takes its turn and lets itself be interrupted."
        specs={FLOW_FIELDS}
        form={form}
      />
      <LayerSection title="Perception" description="What the replica notices on camera." specs={PERCEPTION_FIELDS} form={form} />
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </p>
    </form>
  );
}
