import type { Entity, SimState } from './state.ts';

const storesOf = (conversation: Entity | undefined): string[] =>
  Array.isArray(conversation?.value.memory_stores)
    ? (conversation.value.memory_stores as unknown[]).filter((s) => typeof s === 'string')
    : [];

/**
 * What the replica learned in earlier conversations of the same memory store, as Tavus's memories
 * work: here, the first thing the user said in the latest earlier conversation that shares a store.
 */
export function rememberedTopic(state: SimState, conversationId: string): string | undefined {
  const conversation = state.tables.conversations[conversationId];
  const stores = storesOf(conversation);
  if (!conversation || stores.length === 0) return undefined;
  const earlier = Object.values(state.tables.conversations)
    .filter((other) => other.seq < conversation.seq && storesOf(other).some((store) => stores.includes(store)))
    .sort((a, b) => b.seq - a.seq);
  for (const other of earlier) {
    const said = other.turns?.find((turn) => turn.role === 'user')?.content.trim();
    if (said) return said.length > 80 ? `${said.slice(0, 79)}…` : said;
  }
  return undefined;
}

/**
 * What the simulated replica says first in a conversation: its custom_greeting, as Tavus's
 * replica greets with it, after what it remembers of the last conversation of its memory store;
 * undefined when the conversation has neither (the caller's own line then).
 */
export function greetingOf(state: SimState, conversationId: string): string | undefined {
  const conversation = state.tables.conversations[conversationId];
  const custom = conversation?.value.custom_greeting;
  const greeting = typeof custom === 'string' && custom.trim() ? custom : undefined;
  const topic = rememberedTopic(state, conversationId);
  if (!topic) return greeting;
  return `Welcome back. Last time you told me: "${topic}". ${greeting?.replace(/^Welcome\.\s*/, '') ?? ''}`.trim();
}

/** Whether the room lets this join in: any join to a public room, only the meeting_token to a private one. */
export function admits(state: SimState, conversationId: string, meetingToken: string | undefined): boolean {
  const required = state.tables.conversations[conversationId]?.value.meeting_token;
  return typeof required !== 'string' || required === meetingToken;
}
