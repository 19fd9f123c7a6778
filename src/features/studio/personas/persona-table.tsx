import { Link } from 'react-router';
import type { Persona } from '@/lib/db';
import { ConfirmButton } from '../shared/confirm-button';
import { SETTINGS_PERSONA_WORDS, type SettingsPersona } from './settings-persona';

interface PersonaTableProps {
  personas: Persona[];
  total: number;
  busy: string | undefined;
  onRetry(persona: Persona): void;
  onDelete(persona: Persona): Promise<void>;
  /** The settings' persona, listed first until it is imported. */
  fromSettings?: SettingsPersona | null;
  onImportSettings?(): void;
}

const SYNC_LABEL = { synced: 'Linked', pending: 'Not in Tavus yet', failed: 'Tavus failed' } as const;

export function PersonaTable({ personas, total, busy, onRetry, onDelete, fromSettings, onImportSettings }: PersonaTableProps) {
  if (total === 0 && !fromSettings)
    return <p>No personas yet. Create one, start from a template, or import the ones your Tavus account has.</p>;
  if (personas.length === 0 && !fromSettings) return <p>No persona matches the search.</p>;
  return (
    <table aria-label="Personas">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Tavus id</th>
          <th scope="col">Default replica</th>
          <th scope="col">Sync</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {fromSettings && <SettingsRow persona={fromSettings} importing={busy === 'import-settings'} onImport={onImportSettings} />}
        {personas.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/studio/personas/${p.id}`} aria-label={`Edit ${p.persona_name}`}>
                {p.persona_name}
              </Link>
            </th>
            <td>{p.tavus_persona_id ? <code>{p.tavus_persona_id}</code> : '—'}</td>
            <td>{p.default_replica_id ? <code>{p.default_replica_id}</code> : '—'}</td>
            <td>
              <span className={`badge studio-sync--${p.sync_status}`}>{SYNC_LABEL[p.sync_status]}</span>
              {p.sync_status === 'failed' && p.sync_error && <p className="error-text studio-small">{p.sync_error}</p>}
            </td>
            <td className="studio-actions">
              {p.sync_status !== 'synced' && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy === `retry:${p.id}`}
                  onClick={() => onRetry(p)}
                  aria-label={`Retry syncing ${p.persona_name} to Tavus`}
                >
                  {busy === `retry:${p.id}` ? 'Retrying…' : 'Retry'}
                </button>
              )}{' '}
              <ConfirmButton
                label={`Delete ${p.persona_name}`}
                question={`Delete “${p.persona_name}”${p.tavus_persona_id ? ` here and in Tavus (${p.tavus_persona_id})` : ''}? Past sessions keep their history.`}
                onConfirm={() => onDelete(p)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SettingsRow({ persona, importing, onImport }: { persona: SettingsPersona; importing: boolean; onImport?: () => void }) {
  const words = SETTINGS_PERSONA_WORDS;
  return (
    <tr className="persona-table__settings">
      <th scope="row">
        {persona.name} <span className="badge">{words.badge}</span>
        <p className="studio-small">{words.hint}</p>
      </th>
      <td>
        <code>{persona.personaId}</code>
      </td>
      <td>{persona.replicaId ? <code>{persona.replicaId}</code> : '—'}</td>
      <td>
        <span className="badge studio-sync--pending">{words.status}</span>
      </td>
      <td className="studio-actions">
        <button
          type="button"
          className="secondary"
          disabled={importing || !onImport}
          onClick={onImport}
          aria-label={words.importLabel(persona.name)}
        >
          {importing ? 'Importing…' : 'Import'}
        </button>
      </td>
    </tr>
  );
}
