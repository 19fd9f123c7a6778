import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { DbError, toDbError } from '../errors';
import { createEmbeddedDb, type EmbeddedDb } from '../embedded/embedded-db';
import type { LoadSchema } from '../embedded/migrate';
import type { SessionType } from '../types';
import { prepareForTabs, preparedUserId } from '../embedded/prepare';
import { INITDB_ARGS } from '../embedded/initdb-args';
import { createAuthUser, EMBEDDED_SCHEMA } from '../embedded/local-account';
import { createRooms } from './rooms';
import { refusal, readJson, sendJson, startEvents, type Refusal } from './http';
import {
  ACCOUNT_HEADER,
  ACCOUNT_KEY_PATTERN,
  ACCOUNT_PARAM,
  isMethodName,
  LOCAL_DB_EVENTS_PATH,
  LOCAL_DB_PATH,
  LOCAL_ROOM_PATH,
  METHODS,
  type ArgsOf,
  type MethodName,
} from './protocol';

/**
 * The dev server's side of VITE_LOCAL_DATA=dev-server: ONE embedded database (a PGlite in node, in
 * memory, made from Supabase's base and the migrations as the browser's is), shared by every
 * browser that opens the app on this server. Each browser is its own account, named by the random
 * key it keeps in its localStorage; the first call with a new key makes its auth.users row (the
 * sign-up trigger gives it a Free plan, as in production), and every call runs as that user through
 * the same createEmbeddedDb as the browser's database: the same row-level security, functions and
 * limits. The database lives as long as the server (a restart is a fresh start for everybody).
 */
export interface LocalDbHostOptions {
  loadSchema: LoadSchema;
  /** The database to serve; default a new in-memory PGlite. Left open by close() when given. */
  pglite?: PGliteInterface;
  /** Host names besides loopback that may be this server's (Vite's `allowedHosts`); `true`: any. */
  allowedHosts?: readonly string[] | true;
}

export interface LocalDbHost {
  /** A connect middleware: answers the local database's and the rooms' paths, passes on the rest. */
  handle(request: IncomingMessage, response: ServerResponse, next: () => void): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Only this server's own pages may drive the database: another site's page (CSRF), or one reached
 * through a name that was rebound to this machine (DNS rebinding: its Origin then matches its Host),
 * gets 403. Fetch sends Origin with every POST; a same-origin EventSource may send none, and then
 * Sec-Fetch-Site, which every current browser sends, must say same-origin.
 */
function checkOrigin(request: IncomingMessage, allowedHosts: readonly string[] | true): Refusal | undefined {
  const host = request.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (allowedHosts !== true && !LOOPBACK.has(hostname) && !allowedHosts.includes(hostname)) {
    return refusal(403, `The host ${JSON.stringify(host)} is not one this dev server answers as; the local database is refused.`);
  }
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  const own = origin === `http://${host}` || origin === `https://${host}`;
  if (origin !== undefined ? !own : request.method === 'POST' || (site !== undefined && site !== 'same-origin')) {
    return refusal(403, `Only this server's own pages may use its local database; this request came from ${origin ?? 'another site'}.`);
  }
  return undefined;
}

function accountKey(request: IncomingMessage, url: URL): string | Refusal {
  const header = request.headers[ACCOUNT_HEADER];
  const key = typeof header === 'string' ? header : url.searchParams.get(ACCOUNT_PARAM);
  if (key === null || key === undefined) return refusal(401, `The request names no local account (the ${ACCOUNT_HEADER} header).`);
  if (!ACCOUNT_KEY_PATTERN.test(key)) return refusal(401, 'The local account key is not one this app makes (64 hexadecimal digits).');
  return key;
}

// Kept by hash: the key is the browser's only credential, and the database is readable by whoever runs the server.
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** The user of an account key, made on its first call (a Supabase sign-up would make the same row). */
async function ensureAccount(pg: PGliteInterface, keyHash: string): Promise<string> {
  return pg.transaction(async (tx) => {
    await tx.exec(`
      ${EMBEDDED_SCHEMA}
      create table if not exists embedded.dev_server_accounts (
        key_hash text primary key,
        user_id uuid not null references auth.users (id) on delete cascade
      );
    `);
    const known = await tx.query<{ user_id: string }>('select user_id from embedded.dev_server_accounts where key_hash = $1', [keyHash]);
    if (known.rows[0]) return known.rows[0].user_id;
    const id = await createAuthUser(tx, { anonymous: false, name: 'Local user' });
    await tx.query('insert into embedded.dev_server_accounts (key_hash, user_id) values ($1, $2)', [keyHash, id]);
    return id;
  });
}

type Calls = { [M in MethodName]: (db: EmbeddedDb, args: ArgsOf<M>) => Promise<unknown> };

const nothing = async (work: Promise<void>) => {
  await work;
  return null;
};

function inviteStore(db: EmbeddedDb) {
  if (!db.invites) throw new DbError('db_error', 'This database has no sessions together.');
  return db.invites;
}

/**
 * Each method of the list, on the account's own EmbeddedDb; the simulator's callbacks through
 * `recordCallback`, which checks whose conversation it is first.
 */
const callsOf = (recordCallback: (db: EmbeddedDb, envelope: Record<string, unknown>) => Promise<null>): Calls => ({
  userId: (db) => db.userId(),
  // the type is checked by checkStartInput, with the error every driver gives
  startSession: (db, [input]) =>
    db.startSession({ ...input, sessionType: input.sessionType as SessionType, replicaId: input.replicaId ?? null }),
  attachConversation: (db, [id, conversationId, url, meetingToken]) => db.attachConversation(id, conversationId, url, meetingToken),
  endSession: (db, [id, reason]) => db.endSession(id, reason),
  failSession: (db, [id, error]) => db.failSession(id, error),
  currentSession: (db) => db.currentSession(),
  getSession: (db, [id]) => db.getSession(id),
  listSessions: (db, [request]) => db.listSessions(request),
  usage: (db) => db.usage(),
  home: (db) => db.home!(),
  plans: (db) => db.plans(),
  listSessionHistory: (db, [request]) => db.listSessionHistory(request),
  usageReport: (db) => db.usageReport(),
  listPersonas: (db) => db.listPersonas(),
  getPersona: (db, [id]) => db.getPersona(id),
  savePersona: (db, [id, fields]) => db.savePersona(id, fields),
  markPersonaSynced: (db, [id, tavusId]) => db.markPersonaSynced(id, tavusId),
  markPersonaFailed: (db, [id, error]) => db.markPersonaFailed(id, error),
  linkPersona: (db, [tavusId, fields]) => db.linkPersona(tavusId, fields),
  deletePersona: (db, [id]) => db.deletePersona(id),
  settings: (db) => db.settings(),
  setLanguage: (db, [language]) => db.setLanguage(language as Parameters<EmbeddedDb['setLanguage']>[0]),
  setMemory: (db, [enabled]) => db.setMemory(enabled),
  'local.setPlan': (db, [planId]) => nothing(db.local!.setPlan(planId)),
  'local.reset': (db) => nothing(db.local!.reset()),
  'invites.createInvite': (db, [id, hostName]) => inviteStore(db).createInvite(id, hostName),
  'invites.hostInvite': (db, [id]) => inviteStore(db).hostInvite(id),
  'invites.previewInvite': (db, [key]) => inviteStore(db).previewInvite(key),
  'invites.redeemInvite': (db, [key, name]) => inviteStore(db).redeemInvite(key, name),
  'invites.joinedSession': (db, [id]) => inviteStore(db).joinedSession(id),
  'invites.endJoinedSession': (db, [id, reason]) => inviteStore(db).endJoinedSession(id, reason),
  'invites.joinedSessions': (db) => inviteStore(db).joinedSessions(),
  'invites.sessionRoom': (db, [id]) => inviteStore(db).sessionRoom(id),
  recordTavusCallback: (db, [envelope]) => recordCallback(db, envelope),
});

export function createLocalDbHost(options: LocalDbHostOptions): LocalDbHost {
  const allowedHosts = options.allowedHosts ?? [];
  let database: Promise<PGliteInterface> | undefined;
  const accounts = new Map<string, EmbeddedDb>();
  const closers = new Set<() => void>();
  const rooms = createRooms();

  // Opened on the first request, once: made from the schema, and the sweep the worker runs in a browser.
  const open = () =>
    (database ??= (async () => {
      const pg = options.pglite ?? (await PGlite.create({ initDbStartParams: INITDB_ARGS }));
      await prepareForTabs(pg, options.loadSchema);
      await preparedUserId(pg); // a failed preparation is this answer's error, every time
      return pg;
    })().catch((error: unknown) => {
      database = undefined;
      throw error;
    }));

  async function dbFor(key: string): Promise<EmbeddedDb> {
    const pg = await open();
    const keyHash = hashOf(key);
    let db = accounts.get(keyHash);
    if (!db) {
      db = createEmbeddedDb({ pglite: pg, actAs: (p) => ensureAccount(p, keyHash) });
      accounts.set(keyHash, db);
    }
    return db;
  }

  // A callback the browser's simulator sends as Tavus would: only for a conversation of that account's own sessions.
  async function recordCallback(db: EmbeddedDb, envelope: Record<string, unknown>): Promise<null> {
    const pg = await open();
    const owner = await pg.query<{ user_id: string }>('select user_id from public.sessions where tavus_conversation_id = $1', [
      typeof envelope.conversation_id === 'string' ? envelope.conversation_id : null,
    ]);
    if (owner.rows[0]?.user_id !== (await db.userId())) throw new DbError('session_not_found');
    await db.recordTavusCallback(envelope);
    return null;
  }

  const calls = callsOf(recordCallback);

  // A session is its host's and its partner's (read as the owner: the partner's row-level view of the
  // session is joined_session, by session id). The room of a conversation, and the news of a session's
  // change, are for those two only.
  async function isOneOfTwo(key: string, column: 'id' | 'tavus_conversation_id', value: string): Promise<boolean> {
    const userId = await (await dbFor(key)).userId();
    const { rows } = await (
      await open()
    ).query(
      `select 1 from public.sessions s
        where s.${column === 'id' ? 'id::text' : 'tavus_conversation_id'} = $1
          and (s.user_id = $2 or exists (select 1 from public.session_invites i where i.session_id = s.id and i.partner_id = $2))`,
      [value, userId],
    );
    return rows.length > 0;
  }

  async function call(request: IncomingMessage, response: ServerResponse, key: string): Promise<void> {
    const body = await readJson(request);
    if ('status' in body) return sendJson(response, body.status, { error: { code: 'bad_request', message: body.message } });
    const { method, args } = (typeof body.value === 'object' && body.value !== null ? body.value : {}) as Record<string, unknown>;
    if (!isMethodName(method)) {
      return sendJson(response, 400, { error: { code: 'bad_request', message: `There is no method ${JSON.stringify(method)}.` } });
    }
    const parsed = METHODS[method].args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `argument ${issue.path.join('.')}` : 'the arguments';
      return sendJson(response, 400, {
        error: { code: 'bad_request', message: `${method}: ${where} ${issue?.message ?? 'are not valid'}; nothing was changed.` },
      });
    }
    try {
      const db = await dbFor(key);
      const run = calls[method] as (db: EmbeddedDb, args: unknown) => Promise<unknown>;
      const result = await run(db, parsed.data);
      sendJson(response, 200, { result: result ?? null });
    } catch (failure) {
      // The database's refusal keeps its code: the browser shows the catalogue's words for it.
      const error = toDbError(failure);
      sendJson(response, error.code === 'db_error' ? 500 : 422, { error: { code: error.code, message: error.message } });
    }
  }

  async function events(request: IncomingMessage, response: ServerResponse, key: string): Promise<void> {
    const db = await dbFor(key);
    const stream = startEvents(request, response, closers);
    // A change that names a session reaches only its two people; one that names none (a local data control) says nothing.
    const unsubscribe = db.subscribe((change) => {
      if (!change.sessionId) return stream.send('change', change);
      void isOneOfTwo(key, 'id', change.sessionId).then(
        (theirs) => theirs && stream.send('change', change),
        () => stream.send('change', change), // unsure: a needless reload rather than a missed one
      );
    });
    stream.onClose(unsubscribe);
  }

  async function route(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://dev-server');
    const path = url.pathname;
    const room = path.startsWith(LOCAL_ROOM_PATH);
    if (path !== LOCAL_DB_PATH && path !== LOCAL_DB_EVENTS_PATH && !room) return next();
    const key = accountKey(request, url);
    const refused = checkOrigin(request, allowedHosts) ?? (typeof key === 'string' ? undefined : key);
    if (refused || typeof key !== 'string')
      return sendJson(response, refused!.status, { error: { code: 'bad_request', message: refused!.message } });
    if (room)
      return rooms.handle(request, response, path.slice(LOCAL_ROOM_PATH.length), closers, (id) =>
        isOneOfTwo(key, 'tavus_conversation_id', id),
      );
    const expected = path === LOCAL_DB_PATH ? 'POST' : 'GET';
    if (request.method !== expected) {
      response.setHeader('Allow', expected);
      return sendJson(response, 405, { error: { code: 'bad_request', message: `Use ${expected} here.` } });
    }
    return path === LOCAL_DB_PATH ? call(request, response, key) : events(request, response, key);
  }

  return {
    handle(request, response, next) {
      route(request, response, next).catch((failure: unknown) => {
        const error = toDbError(failure);
        if (!response.headersSent) sendJson(response, 500, { error: { code: error.code, message: error.message } });
        else response.end();
      });
    },
    async close() {
      for (const close of [...closers]) close();
      const open = [...accounts.values()];
      accounts.clear();
      await Promise.all(open.map((db) => db.close()));
      const pg = await database?.catch(() => undefined);
      if (pg && !options.pglite) await pg.close();
    },
  };
}
