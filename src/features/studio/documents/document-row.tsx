import { useState } from 'react';
import type { Document } from '@/lib/tavus';
import { ConfirmButton } from '../shared/confirm-button';
import { splitList } from '../shared/set-patch';

interface DocumentRowProps {
  document: Document;
  onSave(changes: { document_name?: string; tags: string[] }): Promise<boolean>;
  onDelete(): Promise<unknown>;
  /** Fetch a crawled website again (Tavus allows it once an hour per document). */
  onRecrawl(): Promise<unknown>;
}

/** Tavus documents `progress` as a string ("50") in most answers and an integer in others. */
function progressPercent(progress: Document['progress']): number | null {
  const text = typeof progress === 'string' ? progress.trim().replace(/%$/, '') : null;
  const value = text === null ? progress : text === '' ? null : Number(text);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : null;
}

export function DocumentRow({ document: d, onSave, onDelete, onRecrawl }: DocumentRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(d.document_name ?? '');
  const [tags, setTags] = useState((d.tags ?? []).join(', '));
  const label = d.document_name || d.document_id;
  const percent = progressPercent(d.progress);
  const id = `document-${d.document_id}`;
  return (
    <tr>
      <th scope="row">
        {editing ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const changes = { ...(name.trim() ? { document_name: name.trim() } : {}), tags: splitList(tags) };
              if (await onSave(changes)) setEditing(false);
            }}
          >
            <label htmlFor={`${id}-name`}>Name of {label}</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor={`${id}-tags`}>Tags of {label}</label>
            <input id={`${id}-tags`} value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={`${id}-tags-hint`} />
            <p id={`${id}-tags-hint`} className="studio-hint">
              Comma separated; these replace the current tags.
            </p>
            <button type="submit">Save document</button>{' '}
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            {label}
            <br />
            <code>{d.document_id}</code>
            {d.document_url && <p className="studio-small">{d.document_url}</p>}
          </>
        )}
      </th>
      <td>
        <span className="badge">{d.status ?? 'unknown'}</span>
        {percent !== null && d.status !== 'ready' && <progress max={100} value={percent} aria-label={`Processing progress of ${label}`} />}
        {d.error_message && <p className="error-text studio-small">{d.error_message}</p>}
      </td>
      <td>{d.tags?.length ? d.tags.join(', ') : '—'}</td>
      <td className="studio-actions">
        {!editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>
            Edit
          </button>
        )}{' '}
        {!editing && (d.status === 'ready' || d.status === 'error') && (
          <button type="button" className="secondary" onClick={() => void onRecrawl()} aria-label={`Recrawl ${label}`}>
            Recrawl
          </button>
        )}{' '}
        <ConfirmButton
          label={`Delete ${label}`}
          question={`Delete document ${label}? Personas that use it lose it.`}
          onConfirm={onDelete}
        />
      </td>
    </tr>
  );
}
