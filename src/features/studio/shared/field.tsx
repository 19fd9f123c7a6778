import type { ReactNode } from 'react';

/** What every field of a studio form needs: its value, its error and how to change it. */
export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Extras({ id, error, hint }: { id: string; error?: string | undefined; hint?: ReactNode }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="studio-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(props: FieldProps & { type?: 'text' | 'url' | 'password' | 'number'; list?: string; placeholder?: string }) {
  const { id, label, value, onChange, error, hint, required, type = 'text', list, placeholder } = props;
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        list={list}
        placeholder={placeholder}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        autoComplete={type === 'password' ? 'off' : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <Extras id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField(props: FieldProps & { rows?: number; code?: boolean }) {
  const { id, label, value, onChange, error, hint, required, rows = 4, code } = props;
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        className={code ? 'studio-code' : undefined}
        spellCheck={code ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      />
      <Extras id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select that also offers the current value when it is not a known option (Tavus enums are open). */
export function SelectField(props: FieldProps & { options: readonly Option[]; emptyLabel?: string }) {
  const { id, label, value, onChange, error, hint, required, options, emptyLabel } = props;
  const known = options.some((option) => option.value === value);
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!known && value !== '' && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Extras id={id} error={error} hint={hint} />
    </div>
  );
}

export const options = (...values: string[]): Option[] => values.map((value) => ({ value, label: value }));
