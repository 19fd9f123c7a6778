import { PLAIN_GREETING } from '@/lib/sessions/options';
import type { CallChannel, ConversationEvent, SendReadiness } from './events';
import { togetherGreeting, togetherWelcome } from '@/lib/sessions/together';

/** What the simulated replica says, in order; after the last line it keeps inviting the user to go on. */
export const REFLECTIVE_LINES = [
  PLAIN_GREETING,
  'Thank you for sharing that. What feels most important about it to you right now?',
  'I hear you. If you looked at it with the kindness you would offer a friend, what would you notice?',
  'What are you feeling in your body as you say this?',
  'That sounds meaningful. Is there one small step you could take this week?',
  'What would you like to carry with you from this moment?',
] as const;
export const CLOSING_LINE = 'Take your time. Tell me more about that.';

/**
 * A session together: each line answers the one who spoke ({name}) and turns to the other ({other}),
 * as the conversational_context of src/lib/sessions/together.ts asks of the replica.
 */
export const TOGETHER_LINES = [
  'Thank you, {name}. {other}, how does that land with you?',
  '{name}, what would you like {other} to understand about that?',
  'I hear you both. {other}, what feels most important to you right now?',
  '{name} and {other}, is there one small step you could agree on together?',
] as const;
export const TOGETHER_CLOSING_LINE = 'Take your time, {name}. {other}, you are welcome to add to that.';

export interface ScriptTiming {
  /** Before the greeting, as a replica takes a moment to join. */
  greetingDelayMs: number;
  /** Between two spoken words (the replica's and the user's). */
  wordMs: number;
  /** Between the user's answer and the replica starting to speak. */
  thinkMs: number;
}

export const DEFAULT_TIMING: ScriptTiming = { greetingDelayMs: 600, wordMs: 90, thinkMs: 700 };

/** The pace used when a call gives none; tests make it faster. */
export const scriptPace: ScriptTiming = { ...DEFAULT_TIMING };

export interface ScriptedReplica extends CallChannel {
  /** A typed answer; `speaker` names who said it in a session together (default: the host). */
  respond(text: string, speaker?: string): void;
  /** Stops every pending line; nothing is emitted afterwards. */
  stop(): void;
}

interface Reply {
  inferenceId: string;
  turn: number;
  words: string[];
  /** Words spoken so far; undefined for a reply spoken without streaming (the greeting). */
  spoken?: number;
  startedMs: number;
  timers: Set<ReturnType<typeof setTimeout>>;
}

/**
 * The replica's side of a call in mock mode, with the event sequence Tavus documents (see
 * test/contract/events): the replica's `conversation.utterance` with the whole planned reply as it
 * starts, streaming chunks of the words spoken (accumulated, `content_index`, `final` on the last),
 * `stopped_speaking` with `duration` and `interrupted`. The greeting comes without streaming, as in
 * Tavus's own examples. Mock mode has no speech recognition, so a typed answer stands in for the
 * user's voice: it is played as the user speaking (started/stopped speaking, streaming, then the
 * utterance), and cuts the replica off when it is still talking.
 */
export function createScriptedReplica(options: {
  conversationId: string;
  timing?: Partial<ScriptTiming>;
  lines?: readonly string[];
  /** Each utterance as it is sent (the replica's whole reply, the user's answer): what the transcript holds. */
  onUtterance?: (role: 'user' | 'assistant', speech: string) => void;
  /** A session together: greets the host by name, and both once the partner has arrived. */
  together?: { hostName: string };
  /** Every event as it is sent, without joining the call as a listener does (the shared room's relay). */
  onAny?: (event: ConversationEvent) => void;
}): ScriptedReplica {
  const timing = { ...scriptPace, ...options.timing };
  const lines = options.lines ?? REFLECTIVE_LINES;
  const hostName = options.together?.hostName;
  let partnerName: string | undefined;
  const listeners = new Set<(event: ConversationEvent) => void>();
  const readinessListeners = new Set<(readiness: SendReadiness) => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let readiness: SendReadiness = 'waiting_for_replica';
  let seq = 0;
  let turn = 0;
  let inferences = 0;
  let next = 0;
  let stopped = false;
  let reply: Reply | null = null;
  // One user answer is spoken at a time; the next starts when the previous one is finished.
  let userSpeech: Promise<void> = Promise.resolve();

  const emit = (event_type: string, turn_idx: number, properties: Record<string, unknown>, inference_id?: string) => {
    if (stopped) return;
    seq += 1;
    const event: ConversationEvent = {
      message_type: 'conversation',
      event_type,
      conversation_id: options.conversationId,
      seq,
      turn_idx,
      ...(inference_id ? { inference_id } : {}),
      properties,
    };
    for (const listener of listeners) listener(event);
    options.onAny?.(event);
    if (event_type === 'conversation.utterance')
      options.onUtterance?.(properties.role === 'user' ? 'user' : 'assistant', String(properties.speech));
  };

  const later = (ms: number, work: () => void, owner = timers) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      owner.delete(timer);
      timers.delete(timer);
      if (!stopped) work();
    }, ms);
    owner.add(timer);
    timers.add(timer);
  };

  const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

  const finishReply = (current: Reply, interrupted: boolean) => {
    emit('conversation.replica.stopped_speaking', current.turn, { duration: seconds(current.startedMs), interrupted }, current.inferenceId);
    if (reply === current) reply = null;
  };

  /** The user speaks over the replica: the reply ends with only the words it said. */
  const cutReply = () => {
    const current = reply;
    if (!current) return;
    for (const timer of current.timers) {
      clearTimeout(timer);
      timers.delete(timer);
    }
    emit('conversation.replica_interrupted', current.turn, {}, current.inferenceId);
    if (current.spoken !== undefined) {
      const speech = current.words.slice(0, current.spoken).join(' ');
      emit(
        'conversation.utterance.streaming',
        current.turn,
        { role: 'replica', speech, content_index: current.spoken, final: true, is_interrupted: true },
        current.inferenceId,
      );
    }
    finishReply(current, true);
  };

  const say = (line: string, turnIdx: number, stream: boolean) => {
    cutReply();
    inferences += 1;
    const current: Reply = {
      inferenceId: `inf-${options.conversationId}-${inferences}`,
      turn: turnIdx,
      words: line.split(' '),
      startedMs: Date.now(),
      timers: new Set(),
    };
    reply = current;
    emit('conversation.utterance', turnIdx, { role: 'replica', speech: line }, current.inferenceId);
    emit('conversation.replica.started_speaking', turnIdx, {}, current.inferenceId);
    if (!stream) {
      later(timing.wordMs * current.words.length, () => finishReply(current, false), current.timers);
      return;
    }
    const chunk = (count: number) => {
      current.spoken = count;
      const final = count === current.words.length;
      emit(
        'conversation.utterance.streaming',
        turnIdx,
        { role: 'replica', speech: current.words.slice(0, count).join(' '), content_index: count - 1, final },
        current.inferenceId,
      );
      if (final) finishReply(current, false);
      else later(timing.wordMs, () => chunk(count + 1), current.timers);
    };
    chunk(1);
  };

  /** A typed answer played as the user's speech, word by word like the recogniser reports it. */
  const speakAsUser = (answer: string, turnIdx: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const words = answer.split(/\s+/);
      const startedMs = Date.now();
      emit('conversation.user.started_speaking', turnIdx, {});
      cutReply();
      const chunk = (count: number) => {
        const final = count === words.length;
        emit(
          'conversation.utterance.streaming',
          turnIdx,
          { role: 'user', speech: words.slice(0, count).join(' '), content_index: count - 1, final },
          `inf-${options.conversationId}-u${turnIdx}-${count}`,
        );
        if (!final) return later(timing.wordMs, () => chunk(count + 1));
        emit('conversation.user.stopped_speaking', turnIdx, { duration: seconds(startedMs) });
        resolve();
      };
      later(timing.wordMs, () => chunk(1));
      if (stopped) resolve();
    });

  const nextLine = (speaker?: string) => {
    if (hostName !== undefined && next === 0) {
      next += 1;
      return togetherGreeting({ hostName });
    }
    if (hostName !== undefined) {
      const name = speaker ?? hostName;
      const other = name === hostName ? (partnerName ?? 'your partner') : hostName;
      const line = TOGETHER_LINES[next - 1] ?? TOGETHER_CLOSING_LINE;
      next += 1;
      return line.replaceAll('{name}', name).replaceAll('{other}', other);
    }
    const line = lines[next] ?? CLOSING_LINE;
    next += 1;
    return line;
  };

  const setReadiness = (value: SendReadiness) => {
    readiness = value;
    for (const listener of readinessListeners) listener(value);
  };

  // The replica joins the room, then greets; the clock starts when the call screen listens, so a
  // slow first render cannot miss the greeting.
  let joining = false;
  const join = () => {
    if (joining) return;
    joining = true;
    later(timing.greetingDelayMs, () => {
      setReadiness('ready');
      say(nextLine(), turn, false);
    });
  };

  return {
    onEvent(listener) {
      listeners.add(listener);
      join();
      return () => listeners.delete(listener);
    },
    readiness: () => readiness,
    onReadiness(listener) {
      readinessListeners.add(listener);
      return () => readinessListeners.delete(listener);
    },
    respond(text, speaker) {
      const answer = text.trim();
      if (stopped) throw new Error('The call has ended.');
      if (readiness !== 'ready') throw new Error('The replica is not in the call yet.');
      if (!answer) return;
      // Tavus counts a turn for each conversation.respond it receives.
      turn += 1;
      const turnIdx = turn;
      userSpeech = userSpeech.then(() => speakAsUser(answer, turnIdx));
      void userSpeech.then(() =>
        later(timing.thinkMs, () => {
          // The user's utterance is sent as the replica begins to answer.
          emit('conversation.utterance', turnIdx, { role: 'user', speech: answer }, `inf-${options.conversationId}-u${turnIdx}`);
          say(nextLine(speaker), turnIdx, true);
        }),
      );
    },
    interrupt() {
      if (stopped) throw new Error('The call has ended.');
      cutReply();
    },
    partnerArrived(people) {
      if (stopped) throw new Error('The call has ended.');
      if (hostName === undefined || partnerName !== undefined) return;
      partnerName = people.partnerName;
      // told who is there (conversation.overwrite_llm_context in a real call), the replica greets both
      later(timing.thinkMs, () => say(togetherWelcome({ hostName, partnerName: people.partnerName }), turn, true));
    },
    partnerPresent(people) {
      if (hostName !== undefined && partnerName === undefined) partnerName = people.partnerName;
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      listeners.clear();
      readinessListeners.clear();
    },
  };
}
