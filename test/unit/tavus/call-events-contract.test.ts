import type { ConversationEvent } from '@/features/session/call/events';
import { CLOSING_LINE, createScriptedReplica, REFLECTIVE_LINES } from '@/features/session/call/scripted-replica';
import { applyConversationEvent, initialCallEvents } from '@/features/session/call/transcript-state';
import { DOCUMENTED_CALL, type DocumentedEvent } from '../../contract/events/documented-call';

// The simulated call is held to the stream Tavus documents: the same event types, the same fields
// in the same places, and the same order within a reply.

const TIMING = { greetingDelayMs: 100, wordMs: 10, thinkMs: 50 };
const kindOf = (e: { event_type: string; properties?: Record<string, unknown> }) =>
  typeof e.properties?.role === 'string' ? `${e.event_type}/${e.properties.role}` : e.event_type;
const shape = (e: object & { properties?: Record<string, unknown> }) =>
  [
    ...Object.keys(e)
      .filter((k) => k !== 'properties')
      .sort(),
    '|',
    ...Object.keys(e.properties ?? {}).sort(),
  ].join(',');

/** Every field layout the documentation shows for each kind of event. */
const documentedShapes = new Map<string, Set<string>>();
for (const e of DOCUMENTED_CALL as readonly DocumentedEvent[]) {
  const shapes = documentedShapes.get(kindOf(e)) ?? new Set<string>();
  shapes.add(shape(e));
  documentedShapes.set(kindOf(e), shapes);
}

async function playCall(script: (replica: ReturnType<typeof createScriptedReplica>) => Promise<void>) {
  const replica = createScriptedReplica({
    conversationId: 'c1',
    timing: TIMING,
    lines: ['Hello friend.', 'Tell me more about it.', 'Go on.'],
  });
  const seen: ConversationEvent[] = [];
  replica.onEvent((e) => seen.push(e));
  await script(replica);
  replica.stop();
  return seen;
}

describe('the simulated call against the documented event stream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const conversation = () =>
    playCall(async (replica) => {
      await vi.advanceTimersByTimeAsync(500);
      replica.respond('I am tired.');
      await vi.advanceTimersByTimeAsync(95); // the replica has said two words of its answer
      replica.respond('Sorry, one more thing.'); // and is cut off
      await vi.advanceTimersByTimeAsync(2_000);
    });

  it('sends only documented kinds of events, each with its documented fields', async () => {
    const seen = await conversation();
    for (const e of seen) {
      expect(documentedShapes.get(kindOf(e)), kindOf(e)).toBeDefined();
      expect([...documentedShapes.get(kindOf(e))!], kindOf(e)).toContain(shape(e));
    }
    expect(new Set(seen.map(kindOf))).toEqual(new Set(documentedShapes.keys()));
  });

  it('numbers events with seq, counts a turn per answer, and plays each reply in the documented order', async () => {
    const seen = await conversation();
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.every((e) => e.conversation_id === 'c1' && e.message_type === 'conversation')).toBe(true);
    expect([...new Set(seen.map((e) => e.turn_idx))]).toEqual([0, 1, 2]);

    const replies = [...new Set(seen.filter((e) => e.event_type === 'conversation.replica.started_speaking').map((e) => e.inference_id))];
    expect(replies).toHaveLength(3);
    for (const id of replies) {
      const reply = seen.filter((e) => e.inference_id === id).map((e) => e.event_type);
      expect(reply.slice(0, 2)).toEqual(['conversation.utterance', 'conversation.replica.started_speaking']);
      expect(reply.at(-1)).toBe('conversation.replica.stopped_speaking');
      const chunks = seen.filter((e) => e.inference_id === id && e.event_type === 'conversation.utterance.streaming');
      expect(chunks.map((c) => c.properties?.content_index)).toEqual(chunks.map((_, i) => i));
      if (chunks.length)
        expect(chunks.filter((c) => c.properties?.final).map((c) => c.properties?.content_index)).toEqual([chunks.length - 1]);
    }
  });

  it('cuts the reply off when the user answers over it: final chunk with only the spoken words, stopped_speaking interrupted', async () => {
    const seen = await conversation();
    const cut = seen.find((e) => e.properties?.is_interrupted === true)!;
    expect(cut).toMatchObject({ event_type: 'conversation.utterance.streaming', properties: { role: 'replica', final: true } });
    const planned = seen.find((e) => e.event_type === 'conversation.utterance' && e.inference_id === cut.inference_id)!.properties!
      .speech as string;
    expect(planned.startsWith(cut.properties!.speech as string)).toBe(true);
    expect((cut.properties!.speech as string).length).toBeLessThan(planned.length);
    const stop = seen.find((e) => e.event_type === 'conversation.replica.stopped_speaking' && e.inference_id === cut.inference_id)!;
    expect(stop.properties).toMatchObject({ interrupted: true, duration: expect.any(Number) });
    // the user had started speaking before the replica was cut off
    const userStart = seen.findIndex((e) => e.event_type === 'conversation.user.started_speaking' && e.turn_idx === 2);
    expect(userStart).toBeLessThan(seen.indexOf(cut));
  });

  it('gives the live transcript what was heard: the cut reply as spoken, each answer once', async () => {
    const seen = await conversation();
    const state = seen.reduce(applyConversationEvent, initialCallEvents);
    const cut = state.lines.find((l) => l.interrupted)!;
    expect(state.lines.map((l) => `${l.role}: ${l.interrupted ? '(cut)' : l.text}`)).toEqual([
      'replica: Hello friend.',
      'user: I am tired.',
      'replica: (cut)',
      'user: Sorry, one more thing.',
      'replica: Go on.',
    ]);
    expect(`${cut.text} ${cut.unsaid}`).toBe('Tell me more about it.');
    expect(state.lines.every((l) => l.final)).toBe(true);
  });

  it('stops talking on conversation.interrupt and waits for the user', async () => {
    const seen = await playCall(async (replica) => {
      await vi.advanceTimersByTimeAsync(500);
      replica.respond('Hi.');
      await vi.advanceTimersByTimeAsync(90);
      replica.interrupt();
      await vi.advanceTimersByTimeAsync(2_000);
    });
    const state = seen.reduce(applyConversationEvent, initialCallEvents);
    expect(state.lines.map((l) => l.role)).toEqual(['replica', 'user', 'replica']);
    expect(state.lines[2]).toMatchObject({ interrupted: true, final: true });
    expect(state.replicaSpeaking).toBe(false);
    expect(seen.at(-1)).toMatchObject({ event_type: 'conversation.replica.stopped_speaking', properties: { interrupted: true } });
  });

  it('refuses a message before the replica is in the call, and falls silent when stopped', async () => {
    const replica = createScriptedReplica({ conversationId: 'c2', timing: TIMING });
    const changes: string[] = [];
    replica.onReadiness((r) => changes.push(r));
    const seen: ConversationEvent[] = [];
    replica.onEvent((e) => seen.push(e));
    expect(replica.readiness()).toBe('waiting_for_replica');
    expect(() => replica.respond('anyone?')).toThrow('The replica is not in the call yet.');
    await vi.advanceTimersByTimeAsync(100);
    expect(changes).toEqual(['ready']);
    expect(seen[0]).toMatchObject({ event_type: 'conversation.utterance', properties: { role: 'replica', speech: REFLECTIVE_LINES[0] } });
    replica.stop();
    expect(() => replica.respond('still there?')).toThrow();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(seen.map((e) => e.event_type)).toEqual(['conversation.utterance', 'conversation.replica.started_speaking']);
  });

  it('opens with a reflective question and keeps inviting the user on after its lines', () => {
    expect(REFLECTIVE_LINES[0]).toMatch(/\?$/);
    expect(CLOSING_LINE).toMatch(/more/);
  });
});
