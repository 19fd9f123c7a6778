import type { AppConfig } from '@/config';
import { DbError, type AppDb, type InviteStore } from '@/lib/db';
import type { TavusClient } from '@/lib/tavus';
import { lazy, type Lazy } from './lazy';
import { sessionFields, sessionOptionsProblem } from './options';
import { endSequence, startSequence, tavusConversationSteps } from './sequence';
import { checkPersonName } from './together';
import { ConversationEndUnconfirmedError, type CallTransport, type SessionGateway, type StartedSession } from './types';

export interface ClientSessionsOptions {
  db: Lazy<AppDb>;
  tavus: Lazy<TavusClient>;
  config: Pick<AppConfig, 'tavus'>;
  callTransport?: CallTransport;
}

function invites(db: AppDb): InviteStore {
  if (!db.invites) throw new DbError('db_error', 'This database has no sessions together.');
  return db.invites;
}

/** The browser's adapter of the session sequence (mock and direct modes): its database and its Tavus client. */
export function createClientSessions(options: ClientSessionsOptions): SessionGateway {
  const [getDb, getTavus] = [lazy(options.db), lazy(options.tavus)];
  const { personaId, replicaId, callbackUrl, recording } = options.config.tavus;
  const load = async () => {
    const [db, tavus] = await Promise.all([getDb(), getTavus()]);
    return { db, tavus };
  };

  return {
    callTransport: options.callTransport ?? 'daily',
    async start({ sessionType, hostName, options = {}, ...choice }) {
      // checked before anything is reserved: bad input starts nothing
      const host = sessionType === 'resolve_together' ? checkPersonName(hostName ?? '') : null;
      if (sessionType === 'resolve_together' && !host) throw new DbError('invalid_name');
      const problem = sessionOptionsProblem(options);
      if (problem) throw new DbError('invalid_argument', `${problem} Nothing was started.`);
      const { db, tavus } = await load();
      const persona = choice.personaId ?? personaId;
      const replica = choice.replicaId ?? (choice.personaId ? undefined : replicaId);
      // the kept choices: the language unless this session chose one, and the replica's memory
      const [settings, userId] = await Promise.all([db.settings(), db.userId()]);
      const memory = { enabled: settings.memoryEnabled, generation: settings.memoryGeneration, userId, personaId: persona };
      const together = host ? { hostName: host } : undefined;
      const fields = sessionFields(sessionType, { language: settings.language, ...options }, memory, recording?.target, together);
      const { session, conversation } = await startSequence(
        {
          reserve: () => db.startSession({ sessionType, personaId: persona, replicaId: replica }),
          attach: (s, c) => db.attachConversation(s.id, c.conversation_id, c.conversation_url, c.meeting_token ?? undefined),
          fail: (s, why) => db.failSession(s.id, why),
        },
        tavusConversationSteps(tavus.conversations),
        { personaId: persona, replicaId: replica, callbackUrl, fields },
      );
      // The call runs already: an invite that could not be made is made again from the call screen.
      const invite = host
        ? await invites(db)
            .createInvite(session.id, host)
            .catch(() => undefined)
        : undefined;
      return {
        session,
        conversationUrl: conversation.conversation_url,
        ...(conversation.meeting_token ? { meetingToken: conversation.meeting_token } : {}),
        ...(invite ? { invite } : {}),
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
    together: {
      async createInvite(sessionId, hostName) {
        return invites((await load()).db).createInvite(sessionId, hostName);
      },
      async redeem(key, partnerName) {
        return invites((await load()).db).redeemInvite(key, partnerName);
      },
      async end(sessionId, reason = 'user_ended') {
        const { db, tavus } = await load();
        const store = invites(db);
        const before = await store.joinedSession(sessionId);
        const call = before.status === 'active' ? before.tavus_conversation_id : null;
        return endSequence({
          end: () => store.endJoinedSession(sessionId, reason),
          stopCall: async () => {
            if (call) await tavus.conversations.end(call);
          },
        });
      },
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
