import { JOURNEY_CHOICE_STORAGE_KEY, useJourneyChoice } from '@/stores/journey-choice-store';

describe('journey choice store', () => {
  beforeEach(() => {
    localStorage.clear();
    useJourneyChoice.getState().reset();
  });

  it('starts unset (the settings apply), persists a choice and reads it back after a reload', async () => {
    expect(useJourneyChoice.getState()).toMatchObject({ personaId: undefined, replicaId: undefined });
    useJourneyChoice.getState().choose({ personaId: 'pabc12345', replicaId: 'rabc12345' });
    const saved = localStorage.getItem(JOURNEY_CHOICE_STORAGE_KEY)!;
    expect(JSON.parse(saved).state).toEqual({ personaId: 'pabc12345', replicaId: 'rabc12345' });
    useJourneyChoice.getState().reset();
    localStorage.setItem(JOURNEY_CHOICE_STORAGE_KEY, saved); // a fresh page finds what was saved
    await useJourneyChoice.persist.rehydrate();
    expect(useJourneyChoice.getState()).toMatchObject({ personaId: 'pabc12345', replicaId: 'rabc12345' });
  });

  it('drops malformed ids, whether chosen or found in storage', async () => {
    useJourneyChoice.getState().choose({ personaId: 'p 1; drop', replicaId: 'rabc12345' });
    expect(useJourneyChoice.getState()).toMatchObject({ personaId: undefined, replicaId: 'rabc12345' });
    localStorage.setItem(JOURNEY_CHOICE_STORAGE_KEY, JSON.stringify({ state: { personaId: 42, replicaId: '<script>' }, version: 1 }));
    await useJourneyChoice.persist.rehydrate();
    expect(useJourneyChoice.getState()).toMatchObject({ personaId: undefined, replicaId: undefined });
  });
});
