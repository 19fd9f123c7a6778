import { useState, type FormEvent } from 'react';
import { replicaCreateSchema, type ReplicaCreate } from '@/lib/tavus/schemas';
import { TextField } from '../shared/field';

const FIELDS = ['replica_name', 'train_video_url', 'consent_video_url', 'model_name'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** Starts training a replica from a training video and, for a person, a consent video. */
export function ReplicaCreateForm({ onSubmit }: { onSubmit(replica: ReplicaCreate): Promise<boolean> }) {
  const [values, setValues] = useState<Values>({ replica_name: '', train_video_url: '', consent_video_url: '', model_name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = Object.fromEntries(FIELDS.map((f) => [f, values[f].trim()]).filter(([, v]) => v));
    const parsed = replicaCreateSchema.safeParse(body);
    const found: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    if (!values.replica_name.trim()) found.replica_name = 'is required: name the replica so you can find it.';
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    setBusy(true);
    try {
      if (await onSubmit(parsed.data)) setValues({ replica_name: '', train_video_url: '', consent_video_url: '', model_name: '' });
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof Values, label: string, extra: { hint?: string; type?: 'url'; required?: boolean } = {}) => (
    <TextField
      id={`replica-${name}`}
      label={label}
      value={values[name]}
      onChange={(v) => setValues((all) => ({ ...all, [name]: v }))}
      error={errors[name] && `${label} ${errors[name]}`}
      {...extra}
    />
  );
  return (
    <form noValidate onSubmit={submit} aria-label="Train a replica" className="studio-section">
      <h3>Train a replica</h3>
      {field('replica_name', 'Replica name', { required: true })}
      {field('train_video_url', 'Training video URL', {
        type: 'url',
        required: true,
        hint: 'A publicly reachable video of the person talking (about 2 minutes).',
      })}
      {field('consent_video_url', 'Consent video URL', {
        type: 'url',
        hint: 'Required for a real person: them stating their consent on video.',
      })}
      {field('model_name', 'Model', { hint: 'Leave empty for the current default (phoenix-3).' })}
      <button type="submit" disabled={busy}>
        {busy ? 'Starting…' : 'Start training'}
      </button>
    </form>
  );
}
