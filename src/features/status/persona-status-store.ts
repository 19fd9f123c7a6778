import { create } from 'zustand';
import type { Services } from '@/lib/services';
import { usePersonaNames } from '@/stores/persona-names-store';
import { checkPersona, classifyCheckFailure, readCachedCheck, writeCachedCheck, type CheckFailureKind } from './persona-check';

type Phase = 'idle' | 'checking' | 'verified' | 'failed';

interface PersonaStatusState {
  phase: Phase;
  personaName?: string;
  replicaId?: string;
  error?: string;
  errorKind?: CheckFailureKind;
  /** The verified result came from this tab's recent check, not from a new request. */
  fromCache: boolean;
  verify(services: Pick<Services, 'config' | 'tavus'> & Partial<Pick<Services, 'sessions'>>): Promise<void>;
  reset(): void;
}

const initial = {
  phase: 'idle' as Phase,
  personaName: undefined,
  replicaId: undefined,
  error: undefined,
  errorKind: undefined,
  fromCache: false,
};

// what the check found names the persona on every page (history, usage, the studio's list)
function learnName(personaId: string, name: string | undefined) {
  if (name) usePersonaNames.getState().learn(personaId, name);
}

export const usePersonaStatus = create<PersonaStatusState>()((set, get) => ({
  ...initial,
  async verify(services) {
    if (get().phase === 'checking') return;
    const cached = readCachedCheck(services.config);
    if (cached) {
      learnName(cached.personaId, cached.personaName);
      set({
        phase: 'verified',
        personaName: cached.personaName,
        replicaId: cached.replicaId,
        error: undefined,
        errorKind: undefined,
        fromCache: true,
      });
      return;
    }
    set({ phase: 'checking', error: undefined, errorKind: undefined });
    try {
      const check = await checkPersona(services);
      writeCachedCheck(services.config, check);
      learnName(check.personaId, check.personaName);
      set({ phase: 'verified', personaName: check.personaName, replicaId: check.replicaId, fromCache: false });
    } catch (error) {
      const failure = classifyCheckFailure(error, services.config);
      set({ phase: 'failed', error: failure.message, errorKind: failure.kind, fromCache: false });
    }
  },
  reset() {
    set(initial);
  },
}));
