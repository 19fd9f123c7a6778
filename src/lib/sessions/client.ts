import type { AppConfig } from '@/config';
import type { AppDb, Session } from '@/lib/db';
import type { TavusClient } from '@/lib/tavus';
import { findAndEndConversation, mayHaveReachedTavus, settle, retry } from './cleanup';
import { ConversationEndUnconfirmedError, type CallTransport, type SessionGateway, type StartedSession } from './types';

type Lazy<T> = T | (() => Promise<T>);

export interface ClientSessionsOptions {
  db: Lazy<AppDb>;
  tavus: Lazy<TavusClient>;
  config: Pick<AppConfig, 'tavus'>;
  callTransport?: CallTransport;
}

/** The properties every reflection conversation is created with; max_call_duration comes from the reservation. */
export const CONVERSATION_PROPERTIES = {
  participant_left_timeout: 60,
  participant_absent_timeout: 120,
  enable_closed_captions: true,
  language: 'english',
} as const;

function lazy<T>(value: Lazy<T>): () => Promise<T> {
  if (typeof value !== 'function') return () => Promise.resolve(value);
  let pending: Promise<T> | undefined;
  return () => (pending ??= (value as () => Promise<T>)().catch((error: unknown) => {
    pending = undefined;
    throw error;
  }));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * The start and end sequence run by the browser (mock and direct modes): reserve in the database,
 * create the conversation at Tavus, attach it. Every step that fails undoes the ones before it.
 */
export function createClientSessions(options: ClientSessionsOptions): SessionGateway {
  const getDb = lazy(options.db);
  const getTavus = lazy(options.tavus);
  const { personaId, replicaId, callbackUrl } = options.config.tavus;
  // Resolved handles for pagehide, which cannot wait for a module to load.
  let dbNow: AppDb | undefined;
  let tavusNow: TavusClient | undefined;
  const load = async () => {
    const [db, tavus] = await Promise.all([getDb(), getTavus()]);
    dbNow = db;
    tavusNow = tavus;
    return { db, tavus };
  };

  async function undoReservation(db: AppDb, session: Session, why: string) {
    // A starting session blocks every new start until it is closed: try a few times.
    await settle(retry(() => db.failSession(session.id, why.slice(0, 500)), 3));
  }

  const gateway: SessionGateway = {
    callTransport: options.callTransport ?? 'daily',

    async start({ sessionType, ...choice }) {
      const { db, tavus } = await load();
      const chosenPersona = choice.personaId ?? personaId;
      const chosenReplica = choice.replicaId ?? (choice.personaId ? undefined : replicaId);
      const session = await db.startSession({ sessionType, personaId: chosenPersona, replicaId: chosenReplica });

      let conversation: Awaited<ReturnType<TavusClient['conversations']['create']>>;
      try {
        conversation = await tavus.conversations.create({
          persona_id: chosenPersona,
          ...(chosenReplica ? { replica_id: chosenReplica } : {}),
          conversation_name: session.conversation_name,
          ...(callbackUrl ? { callback_url: callbackUrl } : {}),
          properties: { max_call_duration: session.max_call_duration, ...CONVERSATION_PROPERTIES },
        });
      } catch (error) {
        // A timeout or a dropped connection may hide a conversation that Tavus did create.
        if (mayHaveReachedTavus(error)) await settle(findAndEndConversation(tavus, session.conversation_name));
        await undoReservation(db, session, `conversation_create_failed: ${describe(error)}`);
        throw error;
      }

      try {
        const attached = await db.attachConversation(session.id, conversation.conversation_id, conversation.conversation_url);
        const started: StartedSession = { session: attached, conversationUrl: conversation.conversation_url };
        if (conversation.meeting_token) started.meetingToken = conversation.meeting_token;
        return started;
      } catch (error) {
        // Credits run from creation: end the call before anything else.
        await settle(retry(() => tavus.conversations.end(conversation.conversation_id), 2));
        await undoReservation(db, session, `attach_failed: ${describe(error)}`);
        throw error;
      }
    },

    async end(sessionId, reason = 'user_ended') {
      const { db, tavus } = await load();
      const session = await db.getSession(sessionId);
      const conversationId = session?.status === 'active' || session?.status === 'starting' ? session.tavus_conversation_id : null;
      // Both at once: the conversation by its Tavus id (never the session id), the session in the database.
      const tavusEnd = conversationId ? settle(tavus.conversations.end(conversationId)) : Promise.resolve(undefined);
      const ended = await db.endSession(sessionId, reason);
      const failure = await tavusEnd;
      if (failure && !alreadyOver(failure)) throw new ConversationEndUnconfirmedError(ended, failure);
      return ended;
    },

    endOnUnload(session) {
      const conversationId = session.tavus_conversation_id;
      // keepalive: the browser completes the request after the page is gone (by the Tavus id, never the session's).
      if (conversationId && tavusNow) void tavusNow.conversations.end(conversationId, { keepalive: true }).catch(() => undefined);
      if (dbNow) dbNow.endSessionOnExit(session.id, 'tab_closed');
      else void getDb().then((db) => db.endSessionOnExit(session.id, 'tab_closed'));
    },

    async verifyPersona() {
      const tavus = await getTavus();
      const persona = await tavus.personas.get(personaId);
      return {
        personaId,
        ...(persona.persona_name ? { personaName: persona.persona_name } : {}),
        replicaId: replicaId ?? persona.default_replica_id ?? undefined,
      };
    },
  };
  return gateway;
}

/** Tavus refuses to end a conversation that has already ended or does not exist: nothing is left running. */
function alreadyOver(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'not_found' || code === 'invalid_request';
}
