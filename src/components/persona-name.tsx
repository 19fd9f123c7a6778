import { usePersonaNames } from '@/stores/persona-names-store';
import { unknownPersona } from '@/lib/sessions/words';

/**
 * The single lookup of a persona's name for display. `name` is what the database knows (the local
 * personas table, joined by the reports); otherwise the name learnt at start-up for the configured
 * persona; otherwise the id, in words. The id itself stays a developer detail: the tooltip.
 */
function personaName(personaId: string, name: string | null | undefined, learnt: Readonly<Record<string, string>>): string {
  return name?.trim() || learnt[personaId] || unknownPersona(personaId);
}

export function PersonaName({ id, name }: { id: string; name?: string | null }) {
  const learnt = usePersonaNames((state) => state.names);
  return <span title={`Tavus persona ${id}`}>{personaName(id, name, learnt)}</span>;
}
