import type { CallChannel, ConversationEvent } from './events';

/** What the simulated replica says, in order; after the last line it keeps inviting the user to go on. */
export const REFLECTIVE_LINES = [
  'Welcome. Let us take a slow breath together. What would you like to reflect on today?',
  'Thank you for sharing that. What feels most important about it to you right now?',
  'I hear you. If you looked at it with the kindness you would offer a friend, what would you notice?',
  'What are you feeling in your body as you say this?',
  'That sounds meaningful. Is there one small step you could take this week?',
  'What would you like to carry with you from this moment?',
] as const;
export const CLOSING_LINE = 'Take your time. Tell me more about that.';

export interface ScriptTiming {
  /** Before the greeting, as a replica takes a moment to join. */
  greetingDelayMs: number;
  /** Between two streamed words. */
  wordMs: number;
  /** Between the user's answer and the replica starting to speak. */
  thinkMs: number;
}

export const DEFAULT_TIMING: ScriptTiming = { greetingDelayMs: 600, wordMs: 90, thinkMs: 700 };

/** The pace used when a call gives none; tests make it faster. */
export const scriptPace: ScriptTiming = { ...DEFAULT_TIMING };

export interface ScriptedReplica extends CallChannel {
  /** Stops every pending line; nothing is emitted afterwards. */
  stop(): void;
}

/**
 * Plays the replica's side of a conversation with the same events Tavus sends in a call
 * (started/stopped speaking, streaming text accumulated per inference, final utterances), so the
 * call screen has one code path for both sources.
 */
export function createScriptedReplica(options: {
  conversationId: string;
  timing?: Partial<ScriptTiming>;
  lines?: readonly string[];
}): ScriptedReplica {
  const timing = { ...scriptPace, ...options.timing };
  const lines = options.lines ?? REFLECTIVE_LINES;
  const listeners = new Set<(event: ConversationEvent) => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let seq = 0;
  let turn = 0;
  let next = 0;
  let stopped = false;

  const emit = (event_type: string, properties: Record<string, unknown>, extra: Partial<ConversationEvent> = {}) => {
    if (stopped) return;
    seq += 1;
    const event: ConversationEvent = {
      message_type: 'conversation',
      event_type,
      conversation_id: options.conversationId,
      seq,
      turn_idx: turn,
      ...extra,
      properties,
    };
    for (const listener of listeners) listener(event);
  };

  const later = (ms: number, work: () => void) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) work();
    }, ms);
    timers.add(timer);
  };

  // One answer at a time: a reply asked for while the replica speaks waits for the end of the line.
  let speaking: Promise<void> = Promise.resolve();

  const speak = (line: string, delayMs: number) => {
    speaking = speaking.then(
      () =>
        new Promise<void>((resolve) => {
          later(delayMs, () => {
            turn += 1;
            const inference_id = `inf-${options.conversationId}-${turn}`;
            emit('conversation.replica.started_speaking', { role: 'replica' }, { inference_id });
            const words = line.split(' ');
            const streamWord = (count: number) => {
              emit('conversation.utterance.streaming', { role: 'replica', speech: words.slice(0, count).join(' ') }, { inference_id });
              if (count < words.length) later(timing.wordMs, () => streamWord(count + 1));
              else
                later(timing.wordMs, () => {
                  emit('conversation.utterance', { role: 'replica', speech: line }, { inference_id });
                  emit('conversation.replica.stopped_speaking', { role: 'replica' }, { inference_id });
                  resolve();
                });
            };
            streamWord(1);
          });
          if (stopped) resolve();
        }),
    );
  };

  const nextLine = () => {
    const line = lines[next] ?? CLOSING_LINE;
    next += 1;
    return line;
  };

  speak(nextLine(), timing.greetingDelayMs);

  return {
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    respond(text) {
      const answer = text.trim();
      if (!answer || stopped) return;
      // Tavus reports a respond message back as the user's utterance.
      emit('conversation.utterance', { role: 'user', speech: answer });
      speak(nextLine(), timing.thinkMs);
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      listeners.clear();
    },
  };
}
