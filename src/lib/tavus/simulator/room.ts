import type { SimState } from './state.ts';

/**
 * What the simulated replica says first in a conversation: its custom_greeting, as Tavus's
 * replica greets with it; undefined when the conversation has none (the caller's own line then).
 */
export function greetingOf(state: SimState, conversationId: string): string | undefined {
  const conversation = state.tables.conversations[conversationId];
  const greeting = conversation?.value.custom_greeting;
  return typeof greeting === 'string' && greeting.trim() ? greeting : undefined;
}

/** Whether the room lets this join in: any join to a public room, only the meeting_token to a private one. */
export function admits(state: SimState, conversationId: string, meetingToken: string | undefined): boolean {
  const required = state.tables.conversations[conversationId]?.value.meeting_token;
  return typeof required !== 'string' || required === meetingToken;
}
