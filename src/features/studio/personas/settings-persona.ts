import type { Persona } from '@/lib/db';
import { unknownPersona } from '@/lib/sessions/words';

/**
 * The persona the settings name (VITE_TAVUS_PERSONA_ID), which the reflection session uses whether
 * or not this studio lists it. Until it is imported it is shown in the list as the settings' own,
 * named as the start-up check found it in Tavus.
 */
export interface SettingsPersona {
  personaId: string;
  name: string;
  replicaId: string | undefined;
}

/** The settings' persona while no local persona is linked to it; null once one is (or before the list is read). */
export function settingsPersonaToShow(
  personas: Persona[] | undefined,
  config: { personaId: string; replicaId?: string | undefined },
  learnt: Readonly<Record<string, string>>,
): SettingsPersona | null {
  if (!personas || personas.some((p) => p.tavus_persona_id === config.personaId)) return null;
  return { personaId: config.personaId, name: learnt[config.personaId] ?? unknownPersona(config.personaId), replicaId: config.replicaId };
}

export const SETTINGS_PERSONA_WORDS = {
  badge: 'From settings',
  status: 'Not imported',
  hint: 'The reflection session uses this persona (VITE_TAVUS_PERSONA_ID). Import it to see and edit it here.',
  importLabel: (name: string) => `Import ${name}, the persona from the settings`,
  imported: (name: string) => `Imported “${name}” from the settings: it is listed and linked to Tavus now.`,
};
