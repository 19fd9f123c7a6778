import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { mapDbErrors, DbError } from '../errors';
import { parseRow, parseRows, personaSchema, planSchema, sessionSchema, usageRowSchema } from '../schemas';
import { checkPage, checkSessionId, checkStartInput, isUuid, toUsage } from '../shared';
import type { AppDb, DbChange, LocalDataControls } from '../types';
import { createPersonaWrites, embeddedPersonaCall } from '../personas';
import { createSettingsAccess, embeddedSettingsCall } from '../settings';
import type { LoadSchema } from './migrate';
import { asUser, readAsUser, recordTavusCallback, type AsUserOptions } from './session-context';
import { sessionHistorySchema, toUsageReport } from '../reports';
import { CHANGE_CHANNEL, prepareDatabase, preparedUserId } from './prepare';
import { createInviteStore } from '../invites';
import { ensureLocalAccount } from './local-account';

export { CHANGE_CHANNEL };

/** PGliteWorker's extra: re-issue LISTEN when another tab becomes the leader. */
type MaybeWorker = PGliteInterface & { onLeaderChange?: (callback: () => void) => () => void };

export interface EmbeddedDbOptions {
  /** An open PGlite (in memory for tests) or PGliteWorker. Left open by close(). */
  pglite?: PGliteInterface;
  /** Opens the database on first use; closed again by close(). Used when `pglite` is absent. */
  open?: () => Promise<PGliteInterface>;
  /**
   * Supabase's base and the migrations to apply on open (the disk in node). Absent when whoever opened the
   * database has prepared it already (the browser's worker does, next to the database).
   */
  loadSchema?: LoadSchema;
  /** Called once the database answers, for the page's performance timeline. */
  onOpen?: () => void;
  /**
   * Act as the local guest instead of the local user: the second person of a session together in
   * local data mode, who joins from another tab of this browser (see local-account.ts).
   */
  asGuest?: boolean;
  /**
   * Act as this user instead (made or found by the caller): the dev server's shared database runs
   * each browser's calls as that browser's own account (src/lib/db/remote/host.ts).
   */
  actAs?: (pg: PGliteInterface) => Promise<string>;
}

/** The embedded database also plays the server Tavus calls back (local data mode only). */
export interface EmbeddedDb extends AppDb {
  /**
   * Records a Tavus callback envelope the way the tavus-webhook function does. A bad envelope is
   * refused with invalid_argument and changes nothing; one for an unknown conversation, session_not_found.
   */
  recordTavusCallback(envelope: Record<string, unknown>): Promise<void>;
}

interface Connection {
  pg: MaybeWorker;
  userId: string;
}

const SESSION_JSON = 'to_jsonb(s) as row';

// The start page's whole state in one statement: the open session, the usage and its plan.
const HOME_SQL = `select
  (select to_jsonb(s) from public.sessions s where s.status in ('starting', 'active') order by s.created_at desc limit 1) as current,
  (select jsonb_build_object('usage', to_jsonb(u), 'plan', to_jsonb(p)) from public.my_usage u join public.plans p on p.id = u.plan_id) as usage`;

/**
 * AppDb on an embedded Postgres: the same migrations, row-level security and functions as
 * production, as one local user. Nothing loads until the first call.
 */
export function createEmbeddedDb(options: EmbeddedDbOptions): EmbeddedDb {
  const listeners = new Set<(change: DbChange) => void>();
  const cleanups: Array<() => Promise<void> | void> = [];
  let pending: Promise<Connection> | undefined;
  let closed = false;

  const notify = (payload: string) => {
    const change: DbChange = isUuid(payload) ? { kind: 'sessions', sessionId: payload } : { kind: 'sessions' };
    for (const listener of listeners) listener(change);
  };

  async function open(): Promise<Connection> {
    const pg: MaybeWorker | undefined = options.pglite ?? (await options.open?.());
    if (!pg) throw new DbError('db_error', 'The embedded database needs either `pglite` or `open`.');
    if (!options.pglite) cleanups.push(() => pg.close());
    const prepared = options.loadSchema ? await prepareDatabase(pg, options.loadSchema) : undefined;
    // Both at once: through the worker, the second is on its way while the first is answered.
    const [localUser, unlisten] = await Promise.all([prepared ?? preparedUserId(pg), pg.listen(CHANGE_CHANNEL, notify)]);
    const actAs = options.actAs ?? (options.asGuest ? (db: PGliteInterface) => ensureLocalAccount(db, 'guest') : undefined);
    const userId = actAs ? await mapDbErrors(() => actAs(pg)) : localUser;
    cleanups.push(() => unlisten());
    if (pg.onLeaderChange) {
      // The new leader's database has never heard our LISTEN; say it again once it has connected us.
      cleanups.push(pg.onLeaderChange(() => void pg.waitReady.then(() => pg.exec(`listen ${CHANGE_CHANNEL}`)).catch(() => undefined)));
    }
    options.onOpen?.();
    return { pg, userId };
  }

  function connect(): Promise<Connection> {
    if (closed) return Promise.reject(new DbError('db_error', 'The local database was closed. Reload the page.'));
    pending ??= mapDbErrors(open).catch((error: unknown) => {
      pending = undefined; // a failed open may be retried by the next call
      throw error;
    });
    return pending;
  }

  async function user<T>(work: (tx: Transaction, userId: string) => Promise<T>, options: AsUserOptions = {}): Promise<T> {
    const { pg, userId } = await connect();
    return mapDbErrors(() => asUser(pg, userId, (tx) => work(tx, userId), options));
  }

  async function sessionCall(sql: string, params: unknown[], options: AsUserOptions = {}) {
    const row = await user(async (tx) => {
      const result = await tx.query<{ row: unknown }>(
        `select ${SESSION_JSON}, pg_notify('${CHANGE_CHANNEL}', s.id::text) from ${sql} as s`,
        params,
      );
      return result.rows[0]?.row;
    }, options);
    return parseRow(sessionSchema, row, 'session');
  }

  const personaWrites = createPersonaWrites(
    embeddedPersonaCall((sql, params) => user(async (tx) => (await tx.query<{ row: unknown }>(sql, params)).rows)),
  );

  // As the database's owner, outside row-level security: the embedded database is this browser's alone.
  async function asOwner(work: (tx: Transaction, userId: string) => Promise<void>): Promise<void> {
    const { pg, userId } = await connect();
    await mapDbErrors(() =>
      pg.transaction(async (tx) => {
        await work(tx, userId);
        await tx.query(`select pg_notify('${CHANGE_CHANNEL}', '')`);
      }),
    );
  }

  const local: LocalDataControls = {
    async setPlan(planId) {
      await asOwner(async (tx, userId) => {
        const moved = await tx.query(
          `update public.user_subscriptions s set plan_id = p.id, tavus_minutes_limit = p.monthly_minutes from public.plans p where p.id = $1 and s.user_id = $2`,
          [planId, userId],
        );
        if (!moved.affectedRows) throw new DbError('invalid_argument', `There is no plan "${planId}", so nothing was changed.`);
      });
    },
    async reset() {
      await asOwner(async (tx, userId) => {
        await tx.query('delete from public.tavus_usage where user_id = $1', [userId]);
        await tx.query('delete from public.sessions where user_id = $1', [userId]);
        await tx.query('delete from public.personas where owner_id = $1', [userId]);
        await tx.query('update public.user_subscriptions set tavus_seconds_used = 0 where user_id = $1', [userId]);
        // A fresh start: the default language, and memory on in a new store (generation + 1), so a
        // replica does not recall sessions the reset removed (a Tavus store outlives this database).
        await tx.query(
          `update public.user_settings
              set language = default, memory_enabled = true, memory_generation = memory_generation + 1, updated_at = now()
            where user_id = $1`,
          [userId],
        );
      });
    },
  };

  const invites = createInviteStore({
    call: async (fn, args, changed) => {
      const names = Object.keys(args);
      const call = `public.${fn}(${names.map((name, i) => `${name} => $${i + 1}`).join(', ')})`;
      const tell = changed ? `, pg_notify('${CHANGE_CHANNEL}', coalesce(t.r ->> 'id', t.r ->> 'session_id', ''))` : '';
      return user(
        async (tx) => (await tx.query<{ r: unknown }>(`select t.r${tell} from (select ${call} as r) t`, Object.values(args))).rows[0]?.r,
      );
    },
    hostInvites: (sessionId) =>
      user(async (tx) =>
        (
          await tx.query<{ row: unknown }>(
            'select to_jsonb(i) as row from public.session_invites i where i.session_id = $1 order by i.created_at desc limit 1',
            [sessionId],
          )
        ).rows.map((r) => r.row),
      ),
  });

  const db: EmbeddedDb = {
    kind: 'embedded',
    local,
    invites,
    ...personaWrites,
    ...createSettingsAccess(
      embeddedSettingsCall((sql, params) => user(async (tx) => (await tx.query<{ row: unknown }>(sql, params)).rows)),
    ),

    async recordTavusCallback(envelope) {
      const { pg } = await connect();
      await mapDbErrors(() => recordTavusCallback(pg, CHANGE_CHANNEL, envelope));
    },

    async userId() {
      return (await connect()).userId;
    },

    async startSession(input) {
      const { sessionType, personaId, replicaId } = checkStartInput(input);
      // Locally there is no scheduled job: close sessions a closed tab left open, as it would.
      return sessionCall('public.start_session($1, $2, $3)', [sessionType, personaId, replicaId], {
        sweepFirst: { channel: CHANGE_CHANNEL },
      });
    },

    async attachConversation(sessionId, conversationId, conversationUrl, meetingToken) {
      checkSessionId(sessionId, 'attachConversation');
      return sessionCall('public.attach_conversation($1, $2, $3, $4)', [sessionId, conversationId, conversationUrl, meetingToken ?? null]);
    },

    async endSession(sessionId, reason = 'user_ended') {
      checkSessionId(sessionId, 'endSession');
      return sessionCall('public.end_session($1, $2)', [sessionId, reason]);
    },

    async failSession(sessionId, error) {
      checkSessionId(sessionId, 'failSession');
      return sessionCall('public.fail_session($1, $2)', [sessionId, error]);
    },

    async currentSession() {
      const row = await user(async (tx) => {
        const result = await tx.query<{ row: unknown }>(
          `select ${SESSION_JSON} from public.sessions s where s.status in ('starting', 'active') order by s.created_at desc limit 1`,
        );
        return result.rows[0]?.row;
      });
      return row === undefined ? null : parseRow(sessionSchema, row, 'session');
    },

    async getSession(id) {
      if (!isUuid(id)) return null;
      const row = await user(
        async (tx) =>
          (await tx.query<{ row: unknown }>(`select ${SESSION_JSON} from public.sessions s where s.id = $1`, [id])).rows[0]?.row,
      );
      return row === undefined ? null : parseRow(sessionSchema, row, 'session');
    },

    async listSessions(request) {
      const { offset, limit } = checkPage(request);
      const { rows, total } = await user(async (tx) => {
        const page = await tx.query<{ row: unknown }>(
          `select ${SESSION_JSON} from public.sessions s order by s.created_at desc, s.id desc offset $1 limit $2`,
          [offset, limit],
        );
        const count = await tx.query<{ total: number }>('select count(*)::integer as total from public.sessions');
        return { rows: page.rows.map((r) => r.row), total: count.rows[0]?.total ?? 0 };
      });
      return { rows: parseRows(sessionSchema, rows, 'session'), total };
    },

    async home() {
      const { pg, userId } = await connect();
      const row = await mapDbErrors(() =>
        readAsUser<{ current: unknown; usage: { usage: unknown; plan: unknown } | null }>(pg, userId, HOME_SQL),
      );
      if (!row?.usage) throw new DbError('subscription_not_found');
      return {
        current: row.current === null ? null : parseRow(sessionSchema, row.current, 'session'),
        usage: toUsage(parseRow(usageRowSchema, row.usage.usage, 'usage'), parseRow(planSchema, row.usage.plan, 'plan')),
      };
    },

    async usage() {
      const row = await user(async (tx) => {
        const result = await tx.query<{ usage: unknown; plan: unknown }>(
          'select to_jsonb(u) as usage, to_jsonb(p) as plan from public.my_usage u join public.plans p on p.id = u.plan_id',
        );
        return result.rows[0];
      });
      if (!row) throw new DbError('subscription_not_found');
      return toUsage(parseRow(usageRowSchema, row.usage, 'usage'), parseRow(planSchema, row.plan, 'plan'));
    },

    async plans() {
      const rows = await user(
        async (tx) =>
          (await tx.query<{ row: unknown }>('select to_jsonb(p) as row from public.plans p order by p.monthly_minutes, p.id')).rows,
      );
      return parseRows(
        planSchema,
        rows.map((r) => r.row),
        'plan',
      );
    },

    async listSessionHistory(request) {
      const { offset, limit } = checkPage(request);
      const { rows, total } = await user(async (tx) => {
        const page = await tx.query<{ row: unknown }>(
          'select to_jsonb(h) as row from public.my_session_history h order by h.created_at desc, h.id desc offset $1 limit $2',
          [offset, limit],
        );
        const count = await tx.query<{ total: number }>('select count(*)::integer as total from public.my_session_history');
        return { rows: page.rows.map((r) => r.row), total: count.rows[0]?.total ?? 0 };
      });
      return { rows: parseRows(sessionHistorySchema, rows, 'session'), total };
    },

    async usageReport() {
      const { days, breakdown } = await user(async (tx) => {
        const dayRows = await tx.query<{ row: unknown }>('select to_jsonb(d) as row from public.my_usage_days d order by d.usage_date');
        const breakdownRows = await tx.query<{ row: unknown }>('select to_jsonb(b) as row from public.my_usage_breakdown b');
        return { days: dayRows.rows.map((r) => r.row), breakdown: breakdownRows.rows.map((r) => r.row) };
      });
      return toUsageReport(days, breakdown);
    },

    async listPersonas() {
      const rows = await user(
        async (tx) =>
          (await tx.query<{ row: unknown }>('select to_jsonb(p) as row from public.personas p order by p.updated_at desc, p.id')).rows,
      );
      return parseRows(
        personaSchema,
        rows.map((r) => r.row),
        'persona',
      );
    },

    async getPersona(id) {
      if (!isUuid(id)) return null;
      const row = await user(
        async (tx) =>
          (await tx.query<{ row: unknown }>('select to_jsonb(p) as row from public.personas p where p.id = $1', [id])).rows[0]?.row,
      );
      return row === undefined ? null : parseRow(personaSchema, row, 'persona');
    },

    subscribe(onChange) {
      listeners.add(onChange);
      // Listening starts with the connection; an open failure surfaces on the next call instead.
      connect().catch(() => undefined);
      return () => listeners.delete(onChange);
    },

    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      if (pending) await pending.catch(() => undefined);
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
  return db;
}
