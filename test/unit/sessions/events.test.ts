import {
  applyConversationEvent,
  initialCallEvents,
  parseConversationEvent,
  respondMessage,
  type CallEventsState,
  type ConversationEvent,
} from '@/features/session/call/events';
import { CLOSING_LINE, createScriptedReplica, REFLECTIVE_LINES } from '@/features/session/call/scripted-replica';

const ev = (event_type: string, properties: Record<string, unknown> = {}, extra: Partial<ConversationEvent> = {}): ConversationEvent => ({
  message_type: 'conversation',
  event_type,
  conversation_id: 'c123',
  ...extra,
  properties,
});

const run = (events: ConversationEvent[], from: CallEventsState = initialCallEvents) => events.reduce(applyConversationEvent, from);
const texts = (state: CallEventsState) => state.lines.map((l) => `${l.role}${l.final ? '' : '~'}: ${l.text}`);

describe('in-call events', () => {
  it('replaces streamed replica text (accumulated, not a delta), then settles it on the final utterance', () => {
    const state = run([
      ev('conversation.replica.started_speaking', {}, { inference_id: 'i1' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hello' }, { inference_id: 'i1' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hello there, how' }, { inference_id: 'i1' }),
    ]);
    expect(texts(state)).toEqual(['replica~: Hello there, how']);
    expect(state.replicaSpeaking).toBe(true);

    const done = run([ev('conversation.utterance', { role: 'replica', speech: 'Hello there, how are you?' }, { inference_id: 'i1' }), ev('conversation.replica.stopped_speaking')], state);
    expect(texts(done)).toEqual(['replica: Hello there, how are you?']);
    expect(done.replicaSpeaking).toBe(false);
    expect(done.lines[0]!.id).toBe(state.lines[0]!.id);
  });

  it('keeps answers of different inferences apart and ignores a chunk arriving after the final text', () => {
    const state = run([
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'First' }, { inference_id: 'a' }),
      ev('conversation.utterance', { role: 'replica', speech: 'First answer.' }, { inference_id: 'a' }),
      ev('conversation.utterance', { role: 'user', speech: 'Mine.' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Second' }, { inference_id: 'b' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'First answer, late' }, { inference_id: 'a' }),
    ]);
    expect(texts(state)).toEqual(['replica: First answer.', 'user: Mine.', 'replica~: Second']);
  });

  it('reads the inference id from the properties too, and copes without one', () => {
    const withProps = run([
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hi', inference_id: 'p1' }),
      ev('conversation.utterance', { role: 'replica', speech: 'Hi you.', inference_id: 'p1' }),
    ]);
    expect(texts(withProps)).toEqual(['replica: Hi you.']);
    const without = run([ev('conversation.utterance.streaming', { speech: 'Hm' }), ev('conversation.utterance', { role: 'replica', speech: 'Hmm, yes.' })]);
    expect(texts(without)).toEqual(['replica: Hmm, yes.']);
  });

  it("tracks the user's speaking and ignores events it does not know", () => {
    const state = run([ev('conversation.user.started_speaking'), ev('conversation.tool_call', { name: 'x', arguments: '{}' }), ev('conversation.utterance', { role: 'user', speech: '  ' })]);
    expect(state.userSpeaking).toBe(true);
    expect(state.lines).toEqual([]);
    expect(run([ev('conversation.user.stopped_speaking')], state).userSpeaking).toBe(false);
  });

  it('accepts conversation messages only', () => {
    expect(parseConversationEvent({ message_type: 'conversation', event_type: 'conversation.utterance', properties: { role: 'user', speech: 'x' }, extra: 1 })).toMatchObject({ extra: 1 });
    expect(parseConversationEvent({ message_type: 'system', event_type: 'x' })).toBeNull();
    expect(parseConversationEvent({ hello: 'daily chat' })).toBeNull();
    expect(parseConversationEvent('text')).toBeNull();
    expect(parseConversationEvent(undefined)).toBeNull();
  });

  it('builds the respond message Tavus expects', () => {
    expect(respondMessage('c9', 'I feel calmer.')).toEqual({
      message_type: 'conversation',
      event_type: 'conversation.respond',
      conversation_id: 'c9',
      properties: { text: 'I feel calmer.' },
    });
  });
});

describe('scripted replica', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('speaks its lines with the events of a real call, answering each reply with the next line', async () => {
    const replica = createScriptedReplica({ conversationId: 'c1', timing: { greetingDelayMs: 100, wordMs: 10, thinkMs: 50 }, lines: ['Hello friend.', 'Tell me more.'] });
    const seen: ConversationEvent[] = [];
    replica.onEvent((e) => seen.push(e));
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.map((e) => e.event_type)).toEqual([
      'conversation.replica.started_speaking',
      'conversation.utterance.streaming',
      'conversation.utterance.streaming',
      'conversation.utterance',
      'conversation.replica.stopped_speaking',
    ]);
    expect(seen.filter((e) => e.event_type.includes('streaming')).map((e) => e.properties?.speech)).toEqual(['Hello', 'Hello friend.']);
    expect(new Set(seen.map((e) => e.inference_id)).size).toBe(1);
    expect(seen.every((e) => e.conversation_id === 'c1' && e.message_type === 'conversation')).toBe(true);

    replica.respond('I am tired.');
    replica.respond('And restless.');
    await vi.advanceTimersByTimeAsync(2000);
    const state = run(seen);
    expect(texts(state)).toEqual(['replica: Hello friend.', 'user: I am tired.', 'user: And restless.', 'replica: Tell me more.', `replica: ${CLOSING_LINE}`]);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
  });

  it('falls silent when stopped', async () => {
    const replica = createScriptedReplica({ conversationId: 'c2' });
    const seen: ConversationEvent[] = [];
    replica.onEvent((e) => seen.push(e));
    replica.stop();
    replica.respond('anyone?');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(seen).toEqual([]);
  });

  it('opens with a reflective question', () => {
    expect(REFLECTIVE_LINES[0]).toMatch(/\?$/);
  });
});
