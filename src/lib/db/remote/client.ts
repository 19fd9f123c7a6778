import { DbError, isDbErrorCode } from '../errors';
import { parseRow } from '../schemas';
import type { EmbeddedDb } from '../embedded/embedded-db';
import type { DbChange } from '../types';
import type { InviteStore } from '../invites';
import { ACCOUNT_HEADER, ACCOUNT_PARAM, LOCAL_DB_EVENTS_PATH, LOCAL_DB_PATH, METHODS, type ArgsOf, type MethodName } from './protocol';
import { z } from 'zod';

/**
 * The browser's side of VITE_LOCAL_DATA=dev-server: AppDb (and the simulator's callbacks) as calls
 * to the database the dev server holds (host.ts), as this browser's account. Each answer is parsed
 * again by the method's schema, so a row that crossed the wire is checked as one read from Supabase
 * is; a refusal keeps its DbError code, so the pages say what they say for the embedded database.
 */
export interface RemoteDbOptions {
  /** This browser's account key (account-key.ts). */
  accountKey: string;
  /** The server's address; default this page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** For subscribe(); absent, changes are not heard (tests that only call). */
  EventSource?: typeof EventSource;
}

/** What a build with VITE_LOCAL_DATA=dev-server says when whatever serves it has no such database. */
export const NOT_SERVED =
  'This build keeps its data in the database of the server that serves it (VITE_LOCAL_DATA=dev-server), and this server has none. ' +
  'Serve it with `npm run dev` or `npm run preview`, or build it with VITE_LOCAL_DATA=browser for a static host.';

const answerSchema = z.union([z.object({ result: z.unknown() }), z.object({ error: z.object({ code: z.string(), message: z.string() }) })]);

const changeSchema = z.object({ kind: z.literal('sessions'), sessionId: z.optional(z.string()) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function withoutTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

export function createRemoteDb(options: RemoteDbOptions): EmbeddedDb {
  const base = options.baseUrl ?? '';
  const send = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<z.infer<(typeof METHODS)[M]['result']>> {
    let response: Response;
    try {
      response = await send(`${base}${LOCAL_DB_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [ACCOUNT_HEADER]: options.accountKey },
        // JSON has no undefined: an optional argument left out is left out, not sent as null
        body: JSON.stringify({ method, args: withoutTrailingUndefined(args) }),
      });
    } catch (cause) {
      throw new DbError('db_error', 'The dev server that holds the local database does not answer. Is `npm run dev` still running?', {
        cause,
      });
    }
    const answer = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!answer.success) throw new DbError('db_error', NOT_SERVED);
    if ('error' in answer.data) {
      const { code, message } = answer.data.error;
      throw new DbError(isDbErrorCode(code) ? code : 'db_error', message);
    }
    return parseRow(METHODS[method].result, answer.data.result, method) as z.infer<(typeof METHODS)[M]['result']>;
  }

  // One stream for every listener of this page, opened with the first.
  const listeners = new Set<(change: DbChange) => void>();
  let source: EventSource | undefined;
  let closed = false;
  const listen = () => {
    if (source || closed || !options.EventSource) return;
    source = new options.EventSource(`${base}${LOCAL_DB_EVENTS_PATH}?${ACCOUNT_PARAM}=${options.accountKey}`);
    source.addEventListener('change', (event) => {
      const change = changeSchema.safeParse(parseJson((event as MessageEvent<string>).data));
      if (!change.success) return; // not a change this app sends: nothing to tell
      for (const listener of listeners)
        listener(change.data.sessionId ? { kind: 'sessions', sessionId: change.data.sessionId } : { kind: 'sessions' });
    });
  };

  const invites: InviteStore = {
    createInvite: (id, hostName) => call('invites.createInvite', id, hostName),
    hostInvite: (id) => call('invites.hostInvite', id),
    previewInvite: (key) => call('invites.previewInvite', key),
    redeemInvite: (key, name) => call('invites.redeemInvite', key, name),
    joinedSession: (id) => call('invites.joinedSession', id),
    endJoinedSession: (id, reason) => call('invites.endJoinedSession', id, reason),
    joinedSessions: () => call('invites.joinedSessions'),
    sessionRoom: (id) => call('invites.sessionRoom', id),
  };

  return {
    kind: 'embedded',
    invites,
    local: {
      setPlan: async (planId) => void (await call('local.setPlan', planId)),
      reset: async () => void (await call('local.reset')),
    },
    userId: () => call('userId'),
    startSession: (input) => call('startSession', input),
    attachConversation: (id, conversationId, url, meetingToken) => call('attachConversation', id, conversationId, url, meetingToken),
    endSession: (id, reason) => call('endSession', id, reason),
    failSession: (id, error) => call('failSession', id, error),
    currentSession: () => call('currentSession'),
    getSession: (id) => call('getSession', id),
    listSessions: (request) => call('listSessions', request),
    usage: () => call('usage'),
    home: () => call('home'),
    plans: () => call('plans'),
    listSessionHistory: (request) => call('listSessionHistory', request),
    usageReport: () => call('usageReport'),
    listPersonas: () => call('listPersonas'),
    getPersona: (id) => call('getPersona', id),
    savePersona: (id, fields) => call('savePersona', id, { ...fields }),
    markPersonaSynced: (id, tavusId) => call('markPersonaSynced', id, tavusId),
    markPersonaFailed: (id, error) => call('markPersonaFailed', id, error),
    linkPersona: (tavusId, fields) => call('linkPersona', tavusId, { ...fields }),
    deletePersona: (id) => call('deletePersona', id),
    settings: () => call('settings'),
    setLanguage: (language) => call('setLanguage', language),
    setMemory: (enabled) => call('setMemory', enabled),
    recordTavusCallback: async (envelope) => void (await call('recordTavusCallback', envelope)),
    subscribe(onChange) {
      listeners.add(onChange);
      listen();
      return () => listeners.delete(onChange);
    },
    async close() {
      closed = true;
      listeners.clear();
      source?.close();
    },
  };
}
