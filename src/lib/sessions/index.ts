export type { CallTransport, PersonaCheck, SessionGateway, StartedSession } from './types';
export { ConversationEndUnconfirmedError } from './types';
export { createClientSessions, type ClientSessionsOptions } from './client';
export { CONVERSATION_PROPERTIES } from './sequence';
