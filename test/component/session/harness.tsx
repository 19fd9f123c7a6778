import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider } from 'react-router';
import type { Services } from '@/lib/services';
import { ServicesProvider } from '@/lib/server-state';
import { createTestRouter } from '@/app/router';
import { AuthProvider } from '@/features/auth';
import type { AppConfig } from '@/config';
import type { AppDb } from '@/lib/db';
import { createClientSessions } from '@/lib/sessions/client';
import type { CallTransport } from '@/lib/sessions/types';
import { usePersonaStatus } from '@/features/status/persona-status-store';
import { useStartStore } from '@/features/session/home/start-store';
import { useCallStore } from '@/features/session/call/call-store';
import { scriptPace } from '@/features/session/call/scripted-replica';
import { embeddedDbForFile, recordedTavus } from '../../unit/sessions/harness';

// The machine running these may be busy: a real database answers in its own time.
configure({ asyncUtilTimeout: 8_000 });

export const config: AppConfig = {
  tavus: { mode: 'mock', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
  data: { mode: 'local' },
};

export type World = ReturnType<typeof makeWorld>;

function makeWorld(db: AppDb, transport: CallTransport, overrides: Partial<Services> = {}) {
  const tavus = recordedTavus();
  const sessions = createClientSessions({ db, tavus: tavus.client, config, callTransport: transport });
  const services: Services = {
    config,
    tavus: async () => tavus.client,
    db: async () => db,
    sessions: async () => sessions,
    ...overrides,
  };
  return { tavus, sessions, services, db };
}

/**
 * The app's real pages on the real gateway, the simulator and an embedded database (one per file):
 * only the router is in memory. Stores and storage are reset between tests; the scripted replica
 * speaks fast.
 */
export function sessionWorldForFile(transport: CallTransport = 'simulated') {
  const data = embeddedDbForFile();
  beforeEach(async () => {
    await data.reset('growth');
    localStorage.clear();
    sessionStorage.clear();
    usePersonaStatus.getState().reset();
    useStartStore.getState().reset();
    useCallStore.getState().reset();
    Object.assign(scriptPace, { greetingDelayMs: 20, wordMs: 5, thinkMs: 20 });
  });
  return {
    data,
    world: (overrides: Partial<Services> = {}, t: CallTransport = transport) => makeWorld(data.db(), t, overrides),
  };
}

/** The simulator behind the gateway plays the mock call's room too, as in the app's mock mode. */
export function withSimulatedRoom(w: World): World {
  return { ...w, services: { ...w.services, simulator: async () => w.tavus.simulator } };
}

export function renderApp(path: Parameters<typeof createTestRouter>[0], services: Services) {
  const router = createTestRouter(path);
  const view = render(
    <ServicesProvider services={services}>
      {/* local data mode: everyone is the embedded database's local user */}
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ServicesProvider>,
  );
  return { router, ...view };
}

/** Opens the start page's "More options" (language, recording), whose fields load when opened; answers its line. */
export async function openMoreOptions(): Promise<HTMLElement> {
  const line = await screen.findByText(/^More options:/);
  await userEvent.click(line);
  await screen.findByRole('combobox', { name: 'Language' });
  return line;
}

/**
 * A start from the start page: its call screen comes at once, reserving the session, and the call
 * (with its End session button) once the session is reserved and its conversation created.
 */
export async function callStarted(): Promise<void> {
  await screen.findByRole('heading', { name: 'Your reflection session' });
  await screen.findByRole('button', { name: 'End session' });
}
