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
