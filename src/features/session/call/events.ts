import { z } from 'zod';

/**
 * The in-call events of a Tavus conversation (Daily `app-message`), whichever source delivers them:
 * the Daily room in live modes, the simulated call in mock mode. Unknown event types and fields are
 * kept and ignored, so a newer Tavus does not break the call.
 */
export const conversationEventSchema = z.looseObject({
  message_type: z.string().optional(),
  event_type: z.string(),
  conversation_id: z.string().optional(),
  seq: z.number().optional(),
  turn_idx: z.number().optional(),
  inference_id: z.string().optional(),
  properties: z.looseObject({}).optional(),
});
export type ConversationEvent = z.infer<typeof conversationEventSchema>;

/**
 * Parses one app-message payload; anything that is not a conversation event gives null. A payload
 * may arrive as a JSON string rather than an object (Tavus's own interviewer reads both).
 */
export function parseConversationEvent(data: unknown): ConversationEvent | null {
  let payload = data;
  if (typeof data === 'string') {
    try {
      payload = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const parsed = conversationEventSchema.safeParse(payload);
  if (!parsed.success) return null;
  if (parsed.data.message_type !== undefined && parsed.data.message_type !== 'conversation') return null;
  return parsed.data;
}

/**
 * What the page sends to the replica: `conversation.respond` (as if said), `conversation.interrupt`,
 * or `conversation.overwrite_llm_context` (the conversational_context from now on).
 */
export interface InteractionMessage {
  message_type: 'conversation';
  event_type: 'conversation.respond' | 'conversation.interrupt' | 'conversation.overwrite_llm_context';
  conversation_id: string;
  properties?: { text: string } | { context: string };
}

export function overwriteContextMessage(conversationId: string, context: string): InteractionMessage {
  return {
    message_type: 'conversation',
    event_type: 'conversation.overwrite_llm_context',
    conversation_id: conversationId,
    properties: { context },
  };
}

export function respondMessage(conversationId: string, text: string): InteractionMessage {
  return { message_type: 'conversation', event_type: 'conversation.respond', conversation_id: conversationId, properties: { text } };
}

export function interruptMessage(conversationId: string): InteractionMessage {
  return { message_type: 'conversation', event_type: 'conversation.interrupt', conversation_id: conversationId };
}

/**
 * Whether a message sent now reaches the replica: not before the call is joined (Daily refuses to
 * send), and not before the replica is in the room (a broadcast would reach nobody).
 */
export type SendReadiness = 'joining' | 'waiting_for_replica' | 'ready';

/** One call carrying in-call events: the Daily room or the simulated call. */
export interface CallChannel {
  /** Returns the unsubscribe function. */
  onEvent(listener: (event: ConversationEvent) => void): () => void;
  readiness(): SendReadiness;
  /** Called on every change of readiness; returns the unsubscribe function. */
  onReadiness(listener: (readiness: SendReadiness) => void): () => void;
  /** Throws when the message cannot be handed to the call. */
  respond(text: string): void;
  /** Asks the replica to stop talking; throws like respond. */
  interrupt(): void;
  /** A session together: the partner has joined; the replica is told who is there. Throws like respond. */
  partnerArrived?(people: { hostName: string; partnerName: string }): void;
  /**
   * The partner is there and the conversation's replica was told before (a reload of the host's tab):
   * a replica that starts afresh learns who is there, without a welcome. Tavus's replica keeps what
   * it was told, so the Daily call sends nothing.
   */
  partnerPresent?(people: { hostName: string; partnerName: string }): void;
  /**
   * A session together, the partner's side of a simulated call in another browser: the partner ended
   * the session for both, and the host's page, whose simulator holds the call, ends it there (as the
   * partner's own request to Tavus would).
   */
  endedForBoth?(): void;
}
