import { z } from 'zod';

/**
 * The in-call events of a Tavus conversation (Daily `app-message`), whichever source delivers them:
 * the Daily room in live modes, the scripted replica in mock mode. Unknown event types and fields are
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

/** What the page sends back: `conversation.respond` answers as if the user had said it. */
export interface RespondMessage {
  message_type: 'conversation';
  event_type: 'conversation.respond';
  conversation_id: string;
  properties: { text: string };
}

export function respondMessage(conversationId: string, text: string): RespondMessage {
  return { message_type: 'conversation', event_type: 'conversation.respond', conversation_id: conversationId, properties: { text } };
}

/** One source of in-call events: the Daily call or the scripted replica. */
export interface CallChannel {
  /** Returns the unsubscribe function. */
  onEvent(listener: (event: ConversationEvent) => void): () => void;
  respond(text: string): void;
}

export type Speaker = 'user' | 'replica';

export interface TranscriptLine {
  id: string;
  role: Speaker;
  text: string;
  /** False while the replica's answer is still streaming in. */
  final: boolean;
  inferenceId?: string;
}

export interface CallEventsState {
  lines: TranscriptLine[];
  replicaSpeaking: boolean;
  userSpeaking: boolean;
  /** How many events were applied: lines get stable ids from it. */
  count: number;
}

export const initialCallEvents: CallEventsState = { lines: [], replicaSpeaking: false, userSpeaking: false, count: 0 };

/** Parses one app-message payload; anything that is not a conversation event gives null. */
export function parseConversationEvent(data: unknown): ConversationEvent | null {
  const parsed = conversationEventSchema.safeParse(data);
  if (!parsed.success) return null;
  if (parsed.data.message_type !== undefined && parsed.data.message_type !== 'conversation') return null;
  return parsed.data;
}

function text(event: ConversationEvent): string {
  const props = event.properties ?? {};
  const value = props.speech ?? props.text;
  return typeof value === 'string' ? value : '';
}

function role(event: ConversationEvent): Speaker | null {
  const value = event.properties?.role;
  if (value === 'user') return 'user';
  if (value === 'replica' || value === 'assistant') return 'replica';
  return null;
}

function inferenceId(event: ConversationEvent): string | undefined {
  const value = event.inference_id ?? event.properties?.inference_id;
  return typeof value === 'string' && value ? value : undefined;
}

/** The replica line of this inference, or without ids the last one still streaming; -1 when none. */
function openReplicaLine(lines: TranscriptLine[], id: string | undefined): number {
  if (id !== undefined) return lines.findLastIndex((line) => line.role === 'replica' && line.inferenceId === id);
  return lines.findLastIndex((line) => line.role === 'replica' && !line.final);
}

function withLine(lines: TranscriptLine[], index: number, line: TranscriptLine): TranscriptLine[] {
  if (index < 0) return [...lines, line];
  const next = lines.slice();
  next[index] = line;
  return next;
}

/** Applies one event: utterances become lines, streaming text replaces (never appends to) its line. */
export function applyConversationEvent(state: CallEventsState, event: ConversationEvent): CallEventsState {
  const count = state.count + 1;
  switch (event.event_type) {
    case 'conversation.utterance.streaming': {
      const speech = text(event);
      if (!speech) return { ...state, count };
      const id = inferenceId(event);
      const index = openReplicaLine(state.lines, id);
      const current = index >= 0 ? state.lines[index] : undefined;
      if (current?.final) return { ...state, count }; // a late chunk after the final text changes nothing
      const line: TranscriptLine = { id: current?.id ?? `line-${count}`, role: 'replica', text: speech, final: false, ...(id ? { inferenceId: id } : {}) };
      return { ...state, count, lines: withLine(state.lines, index, line) };
    }
    case 'conversation.utterance': {
      const speaker = role(event);
      const speech = text(event).trim();
      if (!speaker || !speech) return { ...state, count };
      const id = speaker === 'replica' ? inferenceId(event) : undefined;
      const index = speaker === 'replica' ? openReplicaLine(state.lines, id) : -1;
      const current = index >= 0 ? state.lines[index] : undefined;
      const line: TranscriptLine = { id: current?.id ?? `line-${count}`, role: speaker, text: speech, final: true, ...(id ? { inferenceId: id } : {}) };
      return { ...state, count, lines: withLine(state.lines, index, line) };
    }
    case 'conversation.replica.started_speaking':
      return { ...state, count, replicaSpeaking: true };
    case 'conversation.replica.stopped_speaking':
      return { ...state, count, replicaSpeaking: false };
    case 'conversation.user.started_speaking':
      return { ...state, count, userSpeaking: true };
    case 'conversation.user.stopped_speaking':
      return { ...state, count, userSpeaking: false };
    default:
      return { ...state, count };
  }
}
