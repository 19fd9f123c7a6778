import { SelectField, type Option } from '../shared/field';
import { fieldId } from './layer-fields';
import type { FormBinding } from './spec-field';

/** The account's items the persona can point at, loaded by the editor. */
export interface PickerLists {
  replicas: Option[];
  documents: Option[];
  objectives: Option[];
  guardrails: Option[];
}

interface KnowledgeSectionProps {
  form: FormBinding;
  lists: PickerLists;
  documentIds: string[];
  onDocumentsChange(ids: string[]): void;
  documentsError?: string | undefined;
}

/** Replica, documents, objectives and guardrails: picked from what the Tavus account holds. */
export function KnowledgeSection({ form, lists, documentIds, onDocumentsChange, documentsError }: KnowledgeSectionProps) {
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
  // a picked document the list does not show (deleted, or on a later page) stays visible and removable
  const documents = [
    ...lists.documents,
    ...documentIds.filter((id) => !lists.documents.some((d) => d.value === id)).map((id) => ({ value: id, label: id })),
  ];
  const docsId = fieldId('document_ids');
  return (
    <fieldset className="studio-section">
      <legend>Replica and knowledge</legend>
      {pick('default_replica_id', 'Default replica', lists.replicas, 'Used when a conversation names no replica.')}
      <fieldset aria-describedby={documentsError ? `${docsId}-error` : undefined} id={docsId}>
        <legend>Documents</legend>
        {documents.length === 0 && <p className="studio-hint">No documents yet: add some under Documents.</p>}
        {documents.map((doc) => (
          <div key={doc.value} className="studio-check">
            <input
              type="checkbox"
              id={`${docsId}-${doc.value}`}
              checked={documentIds.includes(doc.value)}
              onChange={(event) =>
                onDocumentsChange(event.target.checked ? [...documentIds, doc.value] : documentIds.filter((id) => id !== doc.value))
              }
            />
            <label htmlFor={`${docsId}-${doc.value}`}>{doc.label}</label>
          </div>
        ))}
        {documentsError && (
          <p id={`${docsId}-error`} className="error-text">
            {documentsError}
          </p>
        )}
      </fieldset>
      {pick('objectives_id', 'Objectives', lists.objectives, 'The goals the persona works through (Studio, Objectives).')}
      {pick('guardrails_id', 'Guardrails', lists.guardrails, 'Rules the persona must keep (Studio, Guardrails).')}
    </fieldset>
  );
}
