import type { ConversationEvent } from './events';

export type Speaker = 'user' | 'replica';

export interface TranscriptLine {
  id: string;
  role: Speaker;
  /** What was said (for the replica: spoken so far, or the planned reply until speech is reported). */
  text: string;
  /** False while the words are still coming in. */
  final: boolean;
  /** The replica was cut off: `text` is what it said. */
  interrupted?: boolean;
  /** The rest of an interrupted reply, planned but never spoken. */
  unsaid?: string;
  inferenceId?: string;
  turnIdx?: number;
  /** Replica: the whole planned reply from `conversation.utterance`. */
  planned?: string;
  /** Replica: the last streaming chunk applied, so late chunks change nothing. */
  contentIndex?: number;
  /** User: the clean sentence of `conversation.utterance` arrived; later chunks change nothing. */
  settled?: boolean;
}

export interface CallEventsState {
  lines: TranscriptLine[];
  replicaSpeaking: boolean;
  userSpeaking: boolean;
  /** How many events were applied: lines get stable ids from it. */
  count: number;
}

export const initialCallEvents: CallEventsState = { lines: [], replicaSpeaking: false, userSpeaking: false, count: 0 };

const props = (event: ConversationEvent) => event.properties ?? {};

function speech(event: ConversationEvent): string {
  const value = props(event).speech ?? props(event).text;
  return typeof value === 'string' ? value.trim() : '';
}

function role(event: ConversationEvent): Speaker | null {
  const value = props(event).role;
  if (value === 'user') return 'user';
  if (value === 'replica' || value === 'assistant') return 'replica';
  return null;
}

function inferenceId(event: ConversationEvent): string | undefined {
  const value = event.inference_id ?? props(event).inference_id;
  return typeof value === 'string' && value ? value : undefined;
}

function turnIdx(event: ConversationEvent): number | undefined {
  const value = event.turn_idx ?? props(event).turn_idx;
  return typeof value === 'number' ? value : undefined;
}

function contentIndex(event: ConversationEvent): number | undefined {
  const value = props(event).content_index;
  return typeof value === 'number' ? value : undefined;
}

/** The replica line of this inference, or without an id the last one still open; -1 when none. */
function replicaLine(lines: TranscriptLine[], id: string | undefined): number {
  if (id !== undefined) return lines.findLastIndex((line) => line.role === 'replica' && line.inferenceId === id);
  return lines.findLastIndex((line) => line.role === 'replica' && !line.final);
}

/** The user line of this turn (the inference id changes within a turn), or the last one still open. */
function userLine(lines: TranscriptLine[], turn: number | undefined): number {
  if (turn !== undefined) return lines.findLastIndex((line) => line.role === 'user' && line.turnIdx === turn);
  return lines.findLastIndex((line) => line.role === 'user' && !line.settled);
}

/** The words of the planned reply after those spoken, when the spoken words begin it. */
function unsaidRest(planned: string | undefined, spoken: string): string | undefined {
  if (!planned) return undefined;
  const words = spoken.split(/\s+/).filter(Boolean);
  const plan = planned.split(/\s+/).filter(Boolean);
  if (words.length >= plan.length || words.some((word, i) => plan[i] !== word)) return undefined;
  return plan.slice(words.length).join(' ');
}

function put(state: CallEventsState, count: number, index: number, line: TranscriptLine): CallEventsState {
  const lines = state.lines.slice();
  if (index < 0) lines.push(line);
  else lines[index] = line;
  return { ...state, count, lines };
}

function applyReplica(state: CallEventsState, event: ConversationEvent, count: number): CallEventsState {
  const id = inferenceId(event);
  const index = replicaLine(state.lines, id);
  const current = index >= 0 ? state.lines[index] : undefined;
  const base: TranscriptLine = current ?? {
    id: `line-${count}`,
    role: 'replica',
    text: '',
    final: false,
    ...(id ? { inferenceId: id } : {}),
    ...(turnIdx(event) !== undefined ? { turnIdx: turnIdx(event) } : {}),
  };
  const text = speech(event);

  if (event.event_type === 'conversation.utterance') {
    // Sent as the replica starts: the whole planned reply, which it may not get to say.
    if (!text || current?.final) return { ...state, count };
    const streamed = base.contentIndex !== undefined;
    return put(state, count, index, { ...base, planned: text, text: streamed ? base.text : text });
  }
  // conversation.utterance.streaming: accumulated words actually spoken; the last chunk is final.
  if (!text || current?.final) return { ...state, count };
  const at = contentIndex(event) ?? (base.contentIndex ?? -1) + 1;
  if (base.contentIndex !== undefined && at < base.contentIndex) return { ...state, count };
  const final = props(event).final === true;
  const interrupted = final && props(event).is_interrupted === true;
  const unsaid = interrupted ? unsaidRest(base.planned, text) : undefined;
  return put(state, count, index, {
    ...base,
    text,
    final,
    contentIndex: at,
    ...(interrupted ? { interrupted: true } : {}),
    ...(unsaid ? { unsaid } : {}),
  });
}

function applyUser(state: CallEventsState, event: ConversationEvent, count: number): CallEventsState {
  const text = speech(event);
  if (!text) return { ...state, count };
  const turn = turnIdx(event);
  const index = userLine(state.lines, turn);
  const current = index >= 0 ? state.lines[index] : undefined;
  if (current?.settled) return { ...state, count };
  const base: TranscriptLine = current ?? {
    id: `line-${count}`,
    role: 'user',
    text: '',
    final: false,
    ...(turn !== undefined ? { turnIdx: turn } : {}),
  };
  if (event.event_type === 'conversation.utterance') return put(state, count, index, { ...base, text, final: true, settled: true });
  // Streaming user text is a snapshot of the turn so far; the recogniser may still revise it after
  // a `final` chunk, so only the utterance settles the line.
  return put(state, count, index, { ...base, text, final: props(event).final === true });
}

/** The replica stopped: a line it never streamed (the greeting) is complete as planned. */
function replicaStopped(state: CallEventsState, event: ConversationEvent, count: number): CallEventsState {
  const stopped = { ...state, count, replicaSpeaking: false };
  const index = replicaLine(state.lines, inferenceId(event));
  const current = index >= 0 ? state.lines[index] : undefined;
  if (!current || current.final) return stopped;
  const interrupted = props(event).interrupted === true || current.interrupted === true;
  const unsaid = interrupted && current.contentIndex !== undefined ? unsaidRest(current.planned, current.text) : undefined;
  return put(stopped, count, index, {
    ...current,
    final: true,
    ...(interrupted ? { interrupted: true } : {}),
    ...(unsaid ? { unsaid } : {}),
  });
}

function markInterrupted(state: CallEventsState, event: ConversationEvent, count: number): CallEventsState {
  const index = replicaLine(state.lines, inferenceId(event));
  const current = index >= 0 ? state.lines[index] : undefined;
  if (!current || current.final) return { ...state, count };
  return put(state, count, index, { ...current, interrupted: true });
}

/**
 * Applies one event of the documented stream. The replica's `conversation.utterance` opens its line
 * with the planned reply; streaming chunks replace it with what was actually spoken, and the final
 * chunk (with `is_interrupted` when cut off) closes it. User lines group by `turn_idx`.
 */
export function applyConversationEvent(state: CallEventsState, event: ConversationEvent): CallEventsState {
  const count = state.count + 1;
  switch (event.event_type) {
    case 'conversation.utterance':
    case 'conversation.utterance.streaming': {
      const speaker = role(event);
      if (speaker === 'user') return applyUser(state, event, count);
      // Without a role, a streaming chunk is the replica's (the older stream had no user chunks).
      if (speaker === 'replica' || (speaker === null && event.event_type === 'conversation.utterance.streaming'))
        return applyReplica(state, event, count);
      return { ...state, count };
    }
    case 'conversation.replica_interrupted':
      return markInterrupted(state, event, count);
    case 'conversation.replica.started_speaking':
      return { ...state, count, replicaSpeaking: true };
    case 'conversation.replica.stopped_speaking':
      return replicaStopped(state, event, count);
    case 'conversation.user.started_speaking':
      return { ...state, count, userSpeaking: true };
    case 'conversation.user.stopped_speaking':
      return { ...state, count, userSpeaking: false };
    // The newer role-based pair (changelog, April 29) says the same for either speaker.
    case 'conversation.started_speaking':
    case 'conversation.stopped_speaking': {
      const speaking = event.event_type === 'conversation.started_speaking';
      const speaker = role(event);
      if (speaker === 'user') return { ...state, count, userSpeaking: speaking };
      if (speaker === 'replica') return speaking ? { ...state, count, replicaSpeaking: true } : replicaStopped(state, event, count);
      return { ...state, count };
    }
    default:
      return { ...state, count };
  }
}
