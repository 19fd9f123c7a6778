import { create } from 'zustand';
import type { Services } from '@/app/services';

type Phase = 'idle' | 'checking' | 'verified' | 'failed';

interface PersonaStatusState {
  phase: Phase;
  personaName?: string;
  replicaId?: string;
  error?: string;
  verify(services: Pick<Services, 'config' | 'tavus'>): Promise<void>;
  reset(): void;
}

const initial = { phase: 'idle' as Phase, personaName: undefined, replicaId: undefined, error: undefined };

export const usePersonaStatus = create<PersonaStatusState>()((set, get) => ({
  ...initial,
  async verify(services) {
    if (get().phase === 'checking') return;
    set({ phase: 'checking', error: undefined });
    try {
      const client = await services.tavus();
      const persona = await client.personas.get(services.config.tavus.personaId);
      set({
        phase: 'verified',
        personaName: persona.persona_name ?? undefined,
        replicaId: services.config.tavus.replicaId ?? persona.default_replica_id ?? undefined,
      });
    } catch (error) {
      set({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  },
  reset() {
    set(initial);
  },
}));
