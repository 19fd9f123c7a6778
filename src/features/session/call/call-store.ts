import { create } from 'zustand';
import type { ConversationEvent } from './events';
import { applyConversationEvent, initialCallEvents, type CallEventsState, type TranscriptLine } from './transcript-state';

const STORAGE_PREFIX = 'awaknow.transcript.';

/** The lines heard in a call, kept for this tab's session so the summary survives a reload. */
export function savedTranscript(sessionId: string): TranscriptLine[] {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_PREFIX + sessionId);
    const lines: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(lines) ? (lines as TranscriptLine[]).filter((l) => typeof l?.text === 'string') : [];
  } catch {
    return [];
  }
}

function save(sessionId: string, lines: TranscriptLine[]) {
  try {
    // Lines still streaming are kept too: a reload mid-sentence shows what had been heard.
    globalThis.sessionStorage?.setItem(STORAGE_PREFIX + sessionId, JSON.stringify(lines));
  } catch {
    // the summary then shows what Tavus sends later
  }
}

/**
 * Who said a user line: in a session together, a line this tab did not type (or is typing) is the
 * other person's. Tavus reports both people's speech as the user's; only typed answers can be told apart.
 */
export function speakerOf(line: TranscriptLine, other: string | null, sent: readonly string[]): string {
  if (line.role === 'replica') return 'Replica';
  if (!other) return 'You';
  const text = line.text.trim();
  return sent.some((mine) => mine === text || mine.startsWith(text)) ? 'You' : other;
}

interface CallStore extends CallEventsState {
  sessionId: string | null;
  /** A session together: the other person's name, once known; user lines not typed here are theirs. */
  other: string | null;
  /** What this tab typed, to tell its own answers from the other person's. */
  sent: string[];
  setOther(name: string | null): void;
  noteSent(text: string): void;
  /** Starts a fresh call for this session (keeps the lines if it is the same session). */
  begin(sessionId: string): void;
  apply(event: ConversationEvent): void;
  reset(): void;
}

export const useCallStore = create<CallStore>()((set, get) => ({
  ...initialCallEvents,
  sessionId: null,
  other: null,
  sent: [],
  setOther(name) {
    set({ other: name });
  },
  noteSent(text) {
    set({ sent: [...get().sent, text.trim()] });
  },
  begin(sessionId) {
    if (get().sessionId === sessionId) return;
    set({ ...initialCallEvents, sessionId, other: null, sent: [] });
  },
  apply(event) {
    const { sessionId } = get();
    const before = get().lines;
    const next = applyConversationEvent(get(), event);
    set(next);
    if (sessionId && next.lines !== before) save(sessionId, next.lines);
  },
  reset() {
    set({ ...initialCallEvents, sessionId: null, other: null, sent: [] });
  },
}));
