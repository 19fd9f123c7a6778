import { PGlite } from '@electric-sql/pglite';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { Services } from '@/lib/services';
import { ServicesProvider } from '@/lib/server-state';
import type { AppConfig } from '@/config';
import { createEmbeddedDb, type AppDb } from '@/lib/db';
import { createTavusClient, type TavusClient } from '@/lib/tavus';
import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';
import { StudioPage } from '@/features/studio/studio-page';
import { useJourneyChoice } from '@/stores/journey-choice-store';
import { loadViteSchema } from '@/lib/db/embedded/vite-schema';

export const config: AppConfig = {
  tavus: { mode: 'mock', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
  data: { mode: 'local' },
};

export interface StudioWorld {
  services: Services;
  simulator: TavusSimulator;
  tavus: TavusClient;
  /** The embedded database, for the test's own checks (made on first call). */
  db: Pick<
    AppDb,
    'listPersonas' | 'getPersona' | 'savePersona' | 'markPersonaSynced' | 'markPersonaFailed' | 'linkPersona' | 'deletePersona'
  >;
  /** Every request the studio sent to Tavus, in order. */
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** Moves the simulator's clock (training, processing, call timeouts). */
  advance(ms: number): void;
}

/**
 * One embedded database per test file (the real migrations), emptied of personas between tests;
 * a fresh simulator per test. The studio talks to both only through the Services object.
 * `database: false` for pages that never touch it.
 */
let shared: { pg: PGlite; db: AppDb } | undefined;

/** The file's embedded database, made (and migrated) on first use only: pages without personas never pay for it. */
async function sharedDb(): Promise<{ pg: PGlite; db: AppDb }> {
  if (!shared) {
    const pg = new PGlite();
    const db = createEmbeddedDb({ pglite: pg, loadSchema: loadViteSchema });
    await db.userId();
    shared = { pg, db };
  }
  return shared;
}

/**
 * One embedded database per test file (the real migrations), emptied of personas between tests;
 * a fresh simulator per test. The studio talks to both only through the Services object.
 * `database: false` for pages that never touch it.
 */
export function useStudioWorld(options: { database?: boolean } = {}): () => StudioWorld {
  let world: StudioWorld | undefined;

  // migrating takes seconds: done up front so no test's waiting counts it
  if (options.database !== false) beforeAll(() => sharedDb().then(() => undefined), 120_000);

  afterAll(async () => {
    const open = shared;
    shared = undefined;
    await open?.db.close();
    await open?.pg.close();
  });
  beforeEach(async () => {
    if (shared) await shared.pg.exec('delete from public.personas');
    useJourneyChoice.getState().reset();
    localStorage.clear();
    let time = Date.parse('2026-01-05T10:00:00Z');
    const simulator = createTavusSimulator({ now: () => time });
    const requests: StudioWorld['requests'] = [];
    const recordingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const text = await request.clone().text();
      requests.push({ method: request.method, path: new URL(request.url).pathname, body: text ? JSON.parse(text) : undefined });
      return simulator.fetch(request);
    }) as typeof fetch;
    const tavus = createTavusClient({
      baseUrl: 'https://simulator.tavus.local',
      apiKey: 'test',
      fetch: recordingFetch,
      sleep: async () => undefined,
    });
    const services: Services = {
      config,
      tavus: async () => tavus,
      db: async () => (await sharedDb()).db,
      // the studio never starts sessions: a call here is a bug the test should see
      sessions: async () => {
        throw new Error('The studio must not start sessions.');
      },
    };
    const db: StudioWorld['db'] = {
      listPersonas: async () => (await sharedDb()).db.listPersonas(),
      getPersona: async (id) => (await sharedDb()).db.getPersona(id),
      savePersona: async (id, fields) => (await sharedDb()).db.savePersona(id, fields),
      markPersonaSynced: async (id, tavusId) => (await sharedDb()).db.markPersonaSynced(id, tavusId),
      markPersonaFailed: async (id, error) => (await sharedDb()).db.markPersonaFailed(id, error),
      linkPersona: async (tavusId, fields) => (await sharedDb()).db.linkPersona(tavusId, fields),
      deletePersona: async (id) => (await sharedDb()).db.deletePersona(id),
    };
    world = { services, simulator, tavus, requests, db, advance: (ms) => (time += ms) };
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

/** One studio page on its own, e.g. with a short polling interval. */
export function renderPage(world: StudioWorld, page: ReactNode) {
  return render(
    <ServicesProvider services={world.services}>
      <MemoryRouter>{page}</MemoryRouter>
    </ServicesProvider>,
  );
}

export function renderStudio(world: StudioWorld, path = '/studio/personas') {
  return render(
    <ServicesProvider services={world.services}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/studio/*" element={<StudioPage />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </ServicesProvider>,
  );
}
