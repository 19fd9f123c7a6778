import { createFaults, faultResponse, type Faults } from './faults.ts';
import { TAVUS_BODIES, json } from './http.ts';
import { DEFAULT_TRANSCRIPT_DELAY_MS, takeDueCallbacks, type SimulatorCallbacks } from './callbacks.ts';
import { advance } from './lifecycle.ts';
import { seedState } from './seed.ts';
import { admits, greetingOf } from './room.ts';
import { readState, type Entity, type Kind, type SimState } from './state.ts';
import { conversations } from './handlers/conversations.ts';
import { documents } from './handlers/documents.ts';
import { personas } from './handlers/personas.ts';
import { replicas } from './handlers/replicas.ts';
import { guardrails } from './handlers/guardrails.ts';
import { objectives } from './handlers/sets.ts';
import type { Handler, SimSettings } from './handlers/context.ts';

export { DEFAULT_PERSONA_ID, DEFAULT_REPLICA_ID } from './seed.ts';
export type { Fault, Faults } from './faults.ts';
export type { CallbackEnvelope, SimulatorCallbacks } from './callbacks.ts';

/** The part of the Web Storage API the simulator uses (window.localStorage fits). */
export interface SimulatorStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface TavusSimulatorOptions {
  /** The clock behind every status change. Default Date.now. */
  now?: () => number;
  /** Where state persists between page loads (and is shared by tabs). Default: memory only. */
  storage?: SimulatorStorage;
  storageKey?: string;
  /** When set, only this x-api-key is accepted; otherwise any non-empty key or an Authorization header. */
  apiKey?: string;
  /** Answer 401 when no credentials are sent, as Tavus does. Default true. */
  requireApiKey?: boolean;
  /** Active conversations allowed at once before the 400 concurrency answer. Default 3. */
  maxConcurrentConversations?: number;
  /** How long a document takes to become ready. Default 4000 ms. */
  documentProcessingMs?: number;
  /** How long a new replica trains. Default 30000 ms. */
  replicaTrainingMs?: number;
  /**
   * Where the callbacks of conversations created with a callback_url go, as Tavus POSTs them.
   * Without it nothing is sent.
   */
  callbacks?: SimulatorCallbacks;
}

export interface TavusSimulator {
  /** A fetch for any base URL: everything from `/v2/` on is answered like Tavus would. */
  fetch: typeof fetch;
  /**
   * The simulated call's room: someone joined or the last one left. Tavus closes a room nobody
   * joined after participant_absent_timeout, and one everybody left after participant_left_timeout.
   */
  room: {
    /**
     * Someone joins. A private room (created with require_auth) admits only with its meeting_token,
     * as a Daily room does: false, and nothing changes, for a join without it or with another.
     * `participant` tells people apart in a call of two (a session together); one person need not
     * name themselves.
     */
    joined(conversationId: string, meetingToken?: string, participant?: string): boolean;
    left(conversationId: string, participant?: string): void;
    /** Something said in the call, for the transcript Tavus sends after it. */
    said(conversationId: string, role: 'user' | 'assistant', content: string): void;
    /** The replica's first line in the call: the conversation's custom_greeting, if it has one. */
    greeting(conversationId: string): string | undefined;
  };
  /** Sends the callbacks due now and resolves once every callback sent so far was delivered. */
  flushCallbacks(): Promise<void>;
  /** Back to the seeded account (default persona, stock replicas), and no fault. */
  reset(): void;
  faults: Faults;
  now: () => number;
}

export const SIMULATOR_STORAGE_KEY = 'awaknow.tavus-simulator';

const ROUTES: Record<Kind, Handler> = { personas, conversations, replicas, objectives, guardrails, documents };

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createTavusSimulator(options: TavusSimulatorOptions = {}): TavusSimulator {
  const now = options.now ?? Date.now;
  const key = options.storageKey ?? SIMULATOR_STORAGE_KEY;
  const storage = options.storage;
  const settings: SimSettings = {
    maxConcurrentConversations: options.maxConcurrentConversations ?? 3,
    documentProcessingMs: options.documentProcessingMs ?? 4_000,
    replicaTrainingMs: options.replicaTrainingMs ?? 30_000,
  };
  const faults = createFaults();
  let state: SimState;
  let saved: string | null = null;

  function save(): void {
    const text = JSON.stringify(state);
    if (text === saved) return;
    saved = text;
    storage?.setItem(key, text);
  }
  /** Another tab (or instance) may have written since: storage is the truth when there is one. */
  function load(): void {
    if (!storage) return;
    const text = storage.getItem(key);
    if (text !== null && text === saved) return;
    const stored = readState(text);
    state = stored ?? seedState(now());
    saved = stored ? text : null;
    save();
  }
  state = seedState(now());
  load();
  if (!storage) save();

  // Callbacks leave one at a time, in order; a timer wakes the simulator when the next falls due.
  let delivered: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  function sendDueCallbacks(): void {
    const callbacks = options.callbacks;
    if (!callbacks) return;
    load();
    const time = now();
    advance(state, time);
    const { envelopes, nextAt } = takeDueCallbacks(state, time, callbacks.transcriptDelayMs ?? DEFAULT_TRANSCRIPT_DELAY_MS);
    save();
    for (const envelope of envelopes) {
      delivered = delivered.then(() => callbacks.deliver(envelope)).catch((error: unknown) => callbacks.onFailure?.(envelope, error));
    }
    clearTimeout(timer);
    // Looked at again within a minute at most: a sleeping machine's timers run late.
    timer = nextAt === undefined ? undefined : setTimeout(sendDueCallbacks, Math.min(Math.max(0, nextAt - time), 60_000));
  }

  // A new load (of the page, with its stored state) delivers at once what fell due while no page
  // ran: a call whose last participant left is shut down as of then plus participant_left_timeout.
  if (options.callbacks) setTimeout(sendDueCallbacks, 0);

  function authorized(request: Request): boolean {
    const apiKey = request.headers.get('x-api-key')?.trim();
    if (options.apiKey !== undefined) return apiKey === options.apiKey;
    if (options.requireApiKey === false) return true;
    return Boolean(apiKey) || Boolean(request.headers.get('authorization')?.trim());
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const at = url.pathname.indexOf('/v2/');
    const fault = faults.take(`${request.method} ${url.pathname}${url.search}`);
    if (fault?.latencyMs) await wait(fault.latencyMs, request.signal);
    if (fault?.status === 'network') throw new TypeError('Failed to fetch (simulated network failure)');
    const faulted = fault && faultResponse(fault);
    if (faulted) return faulted;
    if (!authorized(request)) return json(401, TAVUS_BODIES.invalidAccessToken);
    const [kind, ...segments] =
      at < 0
        ? []
        : url.pathname
            .slice(at + 4)
            .split('/')
            .filter(Boolean)
            .map(decodeURIComponent);
    const handler = kind && Object.hasOwn(ROUTES, kind) ? ROUTES[kind as Kind] : undefined;
    if (!handler) return json(404, { message: 'Not found' });
    const text = await request.text();
    let body: unknown;
    try {
      body = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      return json(400, { error: 'Invalid JSON body' });
    }
    load();
    const time = now();
    advance(state, time);
    try {
      return handler({ method: request.method, segments, query: url.searchParams, body }, { state, now: time, settings });
    } finally {
      save();
      sendDueCallbacks();
    }
  }

  const simulatedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw abortError(request.signal);
    const response = await handle(request);
    if (request.signal.aborted) throw abortError(request.signal);
    return response;
  };

  const inRoom = (conversationId: string, change: (conversation: Entity, at: number) => void) => {
    load();
    const time = now();
    advance(state, time);
    const conversation = state.tables.conversations[conversationId];
    if (conversation?.value.status === 'active') change(conversation, time);
    save();
    sendDueCallbacks();
  };

  return {
    fetch: simulatedFetch as typeof fetch,
    room: {
      joined: (id, meetingToken, participant = 'local') => {
        load();
        if (!admits(state, id, meetingToken)) return false;
        inRoom(id, (c, at) => {
          c.joinedMs ??= at;
          c.present = [...new Set([...(c.present ?? []), participant])];
          delete c.leftMs;
        });
        return true;
      },
      // Tavus's participant_left_timeout counts from when the last person left, not the first
      left: (id, participant = 'local') =>
        inRoom(id, (c, at) => {
          c.present = (c.present ?? []).filter((p) => p !== participant);
          if (c.present.length === 0) c.leftMs = at;
        }),
      said: (id, role, content) =>
        inRoom(id, (c) => {
          if (content.trim()) (c.turns ??= []).push({ role, content });
        }),
      greeting: (id) => {
        load();
        return greetingOf(state, id);
      },
    },
    async flushCallbacks() {
      sendDueCallbacks();
      await delivered;
    },
    reset() {
      faults.clear();
      state = seedState(now());
      saved = null;
      save();
    },
    faults,
    now,
  };
}
