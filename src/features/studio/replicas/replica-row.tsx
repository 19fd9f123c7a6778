import { useState } from 'react';
import type { Replica } from '@/lib/tavus';
import { ConfirmButton } from '../shared/confirm-button';
import { trainingPercent } from './training';

/**
 * The replica's thumbnail video, or a drawn placeholder while it loads and when its CDN cannot be
 * reached (offline, or blocked), instead of an empty grey box.
 */
function Thumbnail({ url, label }: { url: string; label: string }) {
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  if (state === 'failed') {
    return <span className="studio-thumb studio-thumb--placeholder" role="img" aria-label={`Thumbnail of ${label} (not reachable)`} />;
  }
  return (
    <video
      className={`studio-thumb${state === 'loading' ? ' studio-thumb--placeholder' : ''}`}
      src={url}
      muted
      playsInline
      preload="metadata"
      aria-label={`Thumbnail of ${label}`}
      onLoadedData={() => setState('ready')}
      onError={() => setState('failed')}
    />
  );
}

interface ReplicaRowProps {
  replica: Replica;
  onRename(name: string): Promise<boolean>;
  onDelete(): Promise<unknown>;
}

export function ReplicaRow({ replica, onRename, onDelete }: ReplicaRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(replica.replica_name ?? '');
  const label = replica.replica_name || replica.replica_id;
  const percent = trainingPercent(replica.training_progress);
  const inputId = `rename-${replica.replica_id}`;
  return (
    <tr>
      <td>
        {replica.thumbnail_video_url ? (
          <Thumbnail url={replica.thumbnail_video_url} label={label} />
        ) : (
          <span className="studio-hint">No thumbnail</span>
        )}
      </td>
      <th scope="row">
        {renaming ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (!name.trim()) return;
              if (await onRename(name.trim())) setRenaming(false);
            }}
          >
            <label htmlFor={inputId}>New name for {label}</label>
            <input id={inputId} value={name} onChange={(e) => setName(e.target.value)} required />
            <button type="submit" disabled={!name.trim()}>
              Save name
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            {label} <br />
            <code>{replica.replica_id}</code>
          </>
        )}
      </th>
      <td>
        <span className="badge">{replica.status ?? 'unknown'}</span>
        {replica.error_message && <p className="error-text studio-small">{replica.error_message}</p>}
      </td>
      <td>
        {percent === null ? (
          '—'
        ) : (
          <>
            <progress max={100} value={percent} aria-label={`Training progress of ${label}`} /> {percent}%
          </>
        )}
      </td>
      <td className="studio-actions">
        {!renaming && replica.replica_type !== 'system' && (
          <button type="button" className="secondary" onClick={() => setRenaming(true)} aria-label={`Rename ${label}`}>
            Rename
          </button>
        )}{' '}
        {replica.replica_type !== 'system' && (
          <ConfirmButton
            label={`Delete ${label}`}
            question={`Delete replica ${label} (${replica.replica_id})? Conversations can no longer use it.`}
            onConfirm={onDelete}
          />
        )}
      </td>
    </tr>
  );
}
