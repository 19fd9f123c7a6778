import { PGlite } from '@electric-sql/pglite';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import type { Services } from '@/lib/services';
import { ServicesProvider } from '@/lib/server-state';
import type { AppConfig } from '@/config';
import { createEmbeddedDb, type AppDb } from '@/lib/db';
import { loadViteSchema } from '@/lib/db/embedded/vite-schema';
import { setupFixedClock } from '../../support/fixed-clock';
import { usePersonaNames } from '@/stores/persona-names-store';

export const PERSONA = 'p7e13c73f41f';

export const config: AppConfig = {
  tavus: { mode: 'mock', personaId: PERSONA, replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
  data: { mode: 'local' },
};

export interface World {
  pg: PGlite;
  db: AppDb;
  userId: string;
  services: Services;
}

/**
 * One embedded database per test file with the real migrations, as the local user, emptied of
 * sessions between tests. Pages read it only through the Services object, as in the app.
 */
export function setupWorld(): () => World {
  let world: World | undefined;
  // The seeds are placed by day of the billing period: on a fixed day, none of them is in the future.
  setupFixedClock();

  beforeAll(async () => {
    const pg = new PGlite();
    const db = createEmbeddedDb({ pglite: pg, loadSchema: loadViteSchema });
    const userId = await db.userId();
    const services: Services = {
      config,
      db: async () => db,
      tavus: async () => {
        throw new Error('History and usage never call Tavus.');
      },
      sessions: async () => {
        throw new Error('History and usage never start sessions.');
      },
    };
    world = { pg, db, userId, services };
  }, 60_000);
  afterAll(async () => {
    await world?.db.close();
    await world?.pg.close();
  });
  beforeEach(async () => {
    usePersonaNames.setState({ names: {} }); // no start-up check has named a persona yet
    await world!.pg.exec(`
      delete from public.tavus_usage; delete from public.sessions; delete from public.personas;
      update public.user_subscriptions set plan_id = 'free', tavus_minutes_limit = 25, tavus_seconds_used = 0;`);
  });
  return () => {
    if (!world) throw new Error('setupWorld: the world is made in beforeAll');
    return world;
  };
}

export interface Seed {
  type?: 'reflect_alone' | 'resolve_together';
  persona?: string;
  /** Seconds charged (ended sessions). */
  seconds?: number;
  /** Days after the start of the current period; may be fractional to order sessions in a day. */
  day: number;
  status?: 'ended' | 'failed' | 'active';
  error?: string;
  endReason?: string;
  transcript?: unknown;
  recording?: unknown;
  perception?: unknown;
}

/**
 * Writes a session the way the charging functions leave it (session row, usage row, subscription
 * total), on a chosen day of the current period. Returns its id.
 */
export async function seed(world: World, s: Seed, userId = world.userId): Promise<string> {
  const status = s.status ?? 'ended';
  const seconds = status === 'ended' ? (s.seconds ?? 0) : 0;
  const { rows } = await world.pg.query<{ id: string }>(
    `with at as (
       select period_start + make_interval(secs => $5::float8 * 86400) + interval '9 hours' as t
         from public.user_subscriptions where user_id = $1
     )
     insert into public.sessions (user_id, session_type, persona_id, conversation_name, status, max_call_duration,
                                  created_at, started_at, ended_at, seconds_used, end_reason, error,
                                  transcript, recording, perception_analysis)
     select $1, $2, $3, 'awaknow_' || $2, $4, 600,
            at.t - make_interval(secs => $6 + 5),
            case when $4 = 'failed' then null else at.t - make_interval(secs => $6) end,
            case when $4 = 'active' then null else at.t end,
            $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb
       from at
     returning id`,
    [
      userId,
      s.type ?? 'reflect_alone',
      s.persona ?? PERSONA,
      status,
      s.day,
      seconds,
      status === 'ended' ? (s.endReason ?? 'user_ended') : null,
      status === 'failed' ? (s.error ?? 'Tavus answered 500') : null,
      json(s.transcript),
      json(s.recording),
      json(s.perception),
    ],
  );
  const id = rows[0]!.id;
  if (status === 'ended') {
    await world.pg.query(
      `insert into public.tavus_usage (user_id, session_id, persona_id, seconds_used, usage_date, created_at)
       select user_id, id, persona_id, seconds_used, (ended_at at time zone 'utc')::date, ended_at from public.sessions where id = $1`,
      [id],
    );
    await world.pg.query('update public.user_subscriptions set tavus_seconds_used = tavus_seconds_used + $2 where user_id = $1', [
      userId,
      seconds,
    ]);
  }
  return id;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

function SessionStub() {
  return <p>Session page of {useParams().id}</p>;
}

/** Renders `page` at `path` (with /session/:id as a stub, to follow the rows' links). */
export function renderAt(world: World, path: string, routes: Array<{ path: string; element: ReactNode }>) {
  return render(
    <ServicesProvider services={world.services}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          {routes.map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
          <Route path="/session/:id" element={<SessionStub />} />
        </Routes>
      </MemoryRouter>
    </ServicesProvider>,
  );
}
