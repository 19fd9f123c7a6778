export type { CallTransport, PersonaCheck, SessionGateway, StartedSession } from './types';
export { ConversationEndUnconfirmedError } from './types';
export { createClientSessions, CONVERSATION_PROPERTIES, type ClientSessionsOptions } from './client';
