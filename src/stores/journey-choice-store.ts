import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { TAVUS_ID_PATTERN as TAVUS_ID } from '@/lib/rules';

/**
 * Which persona and replica the reflection journey uses. Unset means "the settings'
 * VITE_TAVUS_PERSONA_ID / VITE_TAVUS_REPLICA_ID": readers fall back to the config themselves,
 * so a changed setting still takes effect for anyone who never chose.
 */
export interface JourneyChoiceState {
  personaId?: string;
  replicaId?: string;
  choose(choice: { personaId?: string | undefined; replicaId?: string | undefined }): void;
  reset(): void;
}

export const JOURNEY_CHOICE_STORAGE_KEY = 'awaknow.journey-choice';

const clean = (id: string | undefined) => (id && TAVUS_ID.test(id) ? id : undefined);

export const useJourneyChoice = create<JourneyChoiceState>()(
  persist(
    (set) => ({
      personaId: undefined,
      replicaId: undefined,
      choose(choice) {
        set({ personaId: clean(choice.personaId), replicaId: clean(choice.replicaId) });
      },
      reset() {
        set({ personaId: undefined, replicaId: undefined });
      },
    }),
    {
      name: JOURNEY_CHOICE_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ personaId, replicaId }) => ({ personaId, replicaId }),
      // a hand-edited or stale entry must not hand the journey a malformed id
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as { personaId?: unknown; replicaId?: unknown };
        return {
          ...current,
          personaId: typeof saved.personaId === 'string' ? clean(saved.personaId) : undefined,
          replicaId: typeof saved.replicaId === 'string' ? clean(saved.replicaId) : undefined,
        };
      },
    },
  ),
);
