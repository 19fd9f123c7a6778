import { create } from 'zustand';

/**
 * Names of Tavus personas the app knows besides its personas table: the configured persona, as the
 * start-up check found it in Tavus (in proxy mode, as the server found it). Every page that shows a
 * persona reads it, so a session of the settings' persona is named like the header names it, even
 * before that persona is imported into the studio.
 */
interface PersonaNamesState {
  /** Tavus persona id -> persona_name. */
  names: Readonly<Record<string, string>>;
  learn(personaId: string, name: string): void;
}

export const usePersonaNames = create<PersonaNamesState>()((set) => ({
  names: {},
  learn(personaId, name) {
    const trimmed = name.trim();
    if (!trimmed) return;
    set((state) => (state.names[personaId] === trimmed ? state : { names: { ...state.names, [personaId]: trimmed } }));
  },
}));
