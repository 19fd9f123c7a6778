import type { AppConfig } from '@/config';
import type { AppDb } from '@/lib/db';
import type { TavusClient } from '@/lib/tavus';
import { DbError } from '@/lib/db/errors';
import { lazy, type Lazy } from './lazy';
import { sessionFields, sessionOptionsProblem } from './options';
import { endSequence, startSequence, tavusConversationSteps } from './sequence';
import { ConversationEndUnconfirmedError, type CallTransport, type SessionGateway, type StartedSession } from './types';

export interface ClientSessionsOptions {
  db: Lazy<AppDb>;
  tavus: Lazy<TavusClient>;
  config: Pick<AppConfig, 'tavus'>;
  callTransport?: CallTransport;
}

/** The browser's adapter of the session sequence (mock and direct modes): its database and its Tavus client. */
export function createClientSessions(options: ClientSessionsOptions): SessionGateway {
  const [getDb, getTavus] = [lazy(options.db), lazy(options.tavus)];
  const { personaId, replicaId, callbackUrl, recording } = options.config.tavus;
  // Resolved handles for pagehide, which cannot wait for a module to load.
  let now: { db: AppDb; tavus: TavusClient } | undefined;
  const load = async () => {
    const [db, tavus] = await Promise.all([getDb(), getTavus()]);
    return (now = { db, tavus });
  };

  return {
    callTransport: options.callTransport ?? 'daily',
    async start({ sessionType, options = {}, ...choice }) {
      // checked before anything is reserved: bad input starts nothing
      const problem = sessionOptionsProblem(options);
      if (problem) throw new DbError('invalid_argument', `${problem} Nothing was started.`);
      const { db, tavus } = await load();
      const persona = choice.personaId ?? personaId;
      const replica = choice.replicaId ?? (choice.personaId ? undefined : replicaId);
      // the kept choices: the language unless this session chose one, and the replica's memory
      const [settings, userId] = await Promise.all([db.settings(), db.userId()]);
      const memory = { enabled: settings.memoryEnabled, generation: settings.memoryGeneration, userId, personaId: persona };
      const fields = sessionFields(sessionType, { language: settings.language, ...options }, memory, recording?.target);
      const { session, conversation } = await startSequence(
        {
          reserve: () => db.startSession({ sessionType, personaId: persona, replicaId: replica }),
          attach: (s, c) => db.attachConversation(s.id, c.conversation_id, c.conversation_url),
          fail: (s, why) => db.failSession(s.id, why),
        },
        tavusConversationSteps(tavus.conversations),
        { personaId: persona, replicaId: replica, callbackUrl, fields },
      );
      return {
        session,
        conversationUrl: conversation.conversation_url,
        ...(conversation.meeting_token ? { meetingToken: conversation.meeting_token } : {}),
      } satisfies StartedSession;
    },
    async end(sessionId, reason = 'user_ended') {
      const { db, tavus } = await load();
      const before = await db.getSession(sessionId);
      // by its Tavus id, never the session id; only a call the session still holds
      const call = before?.status === 'active' || before?.status === 'starting' ? before.tavus_conversation_id : null;
      const { session, unconfirmed } = await endSequence({
        end: () => db.endSession(sessionId, reason),
        stopCall: async () => {
          if (call) await tavus.conversations.end(call);
        },
      });
      if (unconfirmed) throw new ConversationEndUnconfirmedError(session, unconfirmed);
      return session;
    },
    endOnUnload(session) {
      // keepalive: the browser completes the request after the page is gone (by the Tavus id, never the session's).
      if (session.tavus_conversation_id && now)
        void now.tavus.conversations.end(session.tavus_conversation_id, { keepalive: true }).catch(() => undefined);
      if (now) now.db.endSessionOnExit(session.id, 'tab_closed');
      else void getDb().then((db) => db.endSessionOnExit(session.id, 'tab_closed'));
    },
    async verifyPersona() {
      const persona = await (await getTavus()).personas.get(personaId);
      return {
        personaId,
        ...(persona.persona_name ? { personaName: persona.persona_name } : {}),
        replicaId: replicaId ?? persona.default_replica_id ?? undefined,
      };
    },
  };
}
