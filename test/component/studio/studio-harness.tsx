import { PGlite } from '@electric-sql/pglite';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { ServicesContext, type Services } from '@/app/services';
import type { AppConfig } from '@/config';
import { createEmbeddedDb, type AppDb } from '@/lib/db';
import { createTavusClient, type TavusClient } from '@/lib/tavus';
import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';
import { StudioPage } from '@/features/studio/studio-page';
import { useJourneyChoice } from '@/features/studio/journey-choice-store';
import { loadViteSchema } from '@/lib/db/embedded/vite-schema';

export const config: AppConfig = {
  tavus: { mode: 'mock', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
  data: { mode: 'local' },
};

export interface StudioWorld {
  services: Services;
  simulator: TavusSimulator;
  tavus: TavusClient;
  db: AppDb;
  pg: PGlite;
}

/**
 * One embedded database per test file (the real migrations), emptied of personas between tests;
 * a fresh simulator per test. The studio talks to both only through the Services object.
 */
export function useStudioWorld(): () => StudioWorld {
  let pg: PGlite;
  let db: AppDb;
  let world: StudioWorld | undefined;

  beforeAll(async () => {
    pg = new PGlite();
    db = createEmbeddedDb({ pglite: pg, loadSchema: loadViteSchema });
    await db.userId(); // migrate once, up front
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await pg.close();
  });
  beforeEach(async () => {
    await pg.exec('delete from public.personas');
    useJourneyChoice.getState().reset();
    localStorage.clear();
    const simulator = createTavusSimulator();
    const tavus = createTavusClient({ baseUrl: 'https://simulator.tavus.local', apiKey: 'test', fetch: simulator.fetch, sleep: async () => undefined });
    const services: Services = {
      config,
      tavus: async () => tavus,
      db: async () => db,
      // the studio never starts sessions: a call here is a bug the test should see
      sessions: async () => {
        throw new Error('The studio must not start sessions.');
      },
    };
    world = { services, simulator, tavus, db, pg };
  });
  return () => {
    if (!world) throw new Error('useStudioWorld: the world is made in beforeEach');
    return world;
  };
}

function Where() {
  const location = useLocation();
  return <output data-testid="path">{location.pathname}</output>;
}

export function renderStudio(world: StudioWorld, path = '/studio/personas') {
  return render(
    <ServicesContext.Provider value={world.services}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/studio/*" element={<StudioPage />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </ServicesContext.Provider>,
  );
}
