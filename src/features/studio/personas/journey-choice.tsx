import { useState } from 'react';
import { useServices } from '@/lib/services';
import type { Persona } from '@/lib/db';
import { SelectField } from '../shared/field';
import { useJourneyChoice } from '@/stores/journey-choice-store';
import { usePickerLists } from './use-picker-lists';

/**
 * Which persona and replica the reflection journey uses. Only personas linked to Tavus can be
 * chosen; "From settings" keeps VITE_TAVUS_PERSONA_ID / VITE_TAVUS_REPLICA_ID.
 */
export function JourneyChoice({ personas }: { personas: Persona[] }) {
  const { config } = useServices();
  const choice = useJourneyChoice();
  const { lists } = usePickerLists();
  const [personaId, setPersonaId] = useState(choice.personaId ?? '');
  const [replicaId, setReplicaId] = useState(choice.replicaId ?? '');
  const [saved, setSaved] = useState<string>();

  const linked = personas.filter((p) => p.tavus_persona_id && p.sync_status === 'synced');
  const personaOptions = linked.map((p) => ({ value: p.tavus_persona_id!, label: `${p.persona_name} (${p.tavus_persona_id})` }));
  const picked = linked.find((p) => p.tavus_persona_id === personaId);
  const replicaHint = picked?.default_replica_id
    ? `“From settings” uses ${config.tavus.replicaId}; this persona's default replica is ${picked.default_replica_id}.`
    : `“From settings” uses ${config.tavus.replicaId}.`;

  return (
    <form
      className="studio-section"
      aria-labelledby="journey-title"
      onSubmit={(event) => {
        event.preventDefault();
        useJourneyChoice.getState().choose({ personaId: personaId || undefined, replicaId: replicaId || undefined });
        setSaved(
          `The reflection journey will use ${personaId || config.tavus.personaId} with replica ${replicaId || config.tavus.replicaId}.`,
        );
      }}
    >
      <h3 id="journey-title">Reflection journey</h3>
      <SelectField
        id="journey-persona"
        label="Persona for the reflection journey"
        value={personaId}
        onChange={setPersonaId}
        options={personaOptions}
        emptyLabel={`From settings (${config.tavus.personaId})`}
        hint="Only personas linked to Tavus can be used."
      />
      <SelectField
        id="journey-replica"
        label="Replica for the reflection journey"
        value={replicaId}
        onChange={setReplicaId}
        options={lists.replicas}
        emptyLabel={`From settings (${config.tavus.replicaId})`}
        hint={replicaHint}
      />
      <p className="studio-toolbar">
        <button type="submit">Use for the journey</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            useJourneyChoice.getState().reset();
            setPersonaId('');
            setReplicaId('');
            setSaved('The reflection journey uses the settings again.');
          }}
        >
          Back to the settings
        </button>
      </p>
      <div role="status" aria-live="polite">
        {saved && <p className="notice">{saved}</p>}
      </div>
    </form>
  );
}
