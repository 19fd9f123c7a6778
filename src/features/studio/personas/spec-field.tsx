import { useState } from 'react';
import { SelectField, TextAreaField, TextField, options } from '../shared/field';
import type { FieldErrors } from './form-model';
import { fieldId, type FieldSpec } from './layer-fields';

/** How a section reaches the form's state. */
export interface FormBinding {
  values: Record<string, string>;
  errors: FieldErrors;
  set(path: string, value: string): void;
}

const FLAG_OPTIONS = [
  { value: 'true', label: 'On' },
  { value: 'false', label: 'Off' },
];

/** One persona setting, rendered by its kind. */
export function SpecField({ spec, form, required }: { spec: FieldSpec; form: FormBinding; required?: boolean }) {
  const id = fieldId(spec.path);
  const common = {
    id,
    label: spec.label,
    value: form.values[spec.path] ?? '',
    onChange: (value: string) => form.set(spec.path, value),
    error: form.errors[spec.path],
    hint: spec.hint,
    required,
  };
  switch (spec.kind) {
    case 'select':
      return <SelectField {...common} options={options(...(spec.options ?? []))} emptyLabel="Tavus default" />;
    case 'flag':
      return <SelectField {...common} options={FLAG_OPTIONS} emptyLabel="Tavus default" />;
    case 'textarea':
    case 'lines':
      return <TextAreaField {...common} rows={spec.kind === 'lines' ? 3 : 4} />;
    case 'json-array':
    case 'json-object':
      return <TextAreaField {...common} rows={4} code />;
    case 'secret':
      return <TextField {...common} type="password" />;
    case 'url':
      return <TextField {...common} type="url" placeholder="https://" />;
    default:
      return (
        <>
          <TextField {...common} list={spec.suggestions ? `${id}-list` : undefined} />
          {spec.suggestions && (
            <datalist id={`${id}-list`}>
              {spec.suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      );
  }
}

/** A layer of the persona as a fieldset; closed layers keep their values. */
export function LayerSection({
  title,
  description,
  specs,
  form,
}: {
  title: string;
  description: string;
  specs: FieldSpec[];
  form: FormBinding;
}) {
  const hasError = specs.some((spec) => form.errors[spec.path]);
  // open at first when the persona sets something here; errors always open it
  const [open, setOpen] = useState(() => specs.some((spec) => (form.values[spec.path] ?? '') !== ''));
  return (
    <details className="studio-layer" open={open || hasError} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {title}
        {hasError && <span className="error-text"> (has errors)</span>}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{title}</legend>
        <p className="studio-hint">{description}</p>
        {specs.map((spec) => (
          <SpecField key={spec.path} spec={spec} form={form} />
        ))}
      </fieldset>
    </details>
  );
}
