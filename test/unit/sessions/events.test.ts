import { interruptMessage, parseConversationEvent, respondMessage, type ConversationEvent } from '@/features/session/call/events';
import { applyConversationEvent, initialCallEvents, type CallEventsState } from '@/features/session/call/transcript-state';
import { DOCUMENTED_CALL, HEARD } from '../../contract/events/documented-call';

const ev = (event_type: string, properties: Record<string, unknown> = {}, extra: Partial<ConversationEvent> = {}): ConversationEvent => ({
  message_type: 'conversation',
  event_type,
  conversation_id: 'c123',
  ...extra,
  properties,
});

const run = (events: readonly ConversationEvent[], from: CallEventsState = initialCallEvents) =>
  events.reduce(applyConversationEvent, from);
const texts = (state: CallEventsState) => state.lines.map((l) => `${l.role}${l.final ? '' : '~'}: ${l.text}`);
const heard = (state: CallEventsState) =>
  state.lines.map((l) => ({ role: l.role, text: l.text, ...(l.unsaid ? { unsaid: l.unsaid } : {}) }));

describe('the documented in-call stream', () => {
  it('gives what was said, by whom, once: the interrupted reply holds only the words spoken', () => {
    const state = run(DOCUMENTED_CALL);
    expect(heard(state)).toEqual(HEARD);
    expect(state.lines.every((l) => l.final)).toBe(true);
    expect(state.lines.map((l) => Boolean(l.interrupted))).toEqual([false, false, true, false, false]);
    expect(state.replicaSpeaking).toBe(false);
    expect(state.userSpeaking).toBe(false);
  });

  it("shows the user's streaming words as the user's, one line per turn while the inference id changes", () => {
    const upTo = DOCUMENTED_CALL.findIndex((e) => e.event_type === 'conversation.user.stopped_speaking');
    const state = run(DOCUMENTED_CALL.slice(0, upTo));
    expect(texts(state)).toEqual([`replica: ${HEARD[0].text}`, 'user: Work has been a lot']);
    expect(state.userSpeaking).toBe(true);
  });

  it('opens the replica line with the planned reply, then shows only what has been spoken', () => {
    const planned = DOCUMENTED_CALL.findIndex((e) => e.inference_id === 'inf-r1' && e.event_type === 'conversation.utterance');
    const atPlan = run(DOCUMENTED_CALL.slice(0, planned + 1));
    expect(texts(atPlan).at(-1)).toMatch(/^replica~: That sounds heavy\. When did you first notice it/);
    const firstChunk = DOCUMENTED_CALL.findIndex((e) => e.inference_id === 'inf-r1' && e.event_type === 'conversation.utterance.streaming');
    expect(texts(run(DOCUMENTED_CALL.slice(0, firstChunk + 1))).at(-1)).toBe('replica~: That sounds heavy.');
  });

  it('reads every event delivered as a JSON string just the same', () => {
    const parsed = DOCUMENTED_CALL.map((e) => parseConversationEvent(JSON.stringify(e)));
    expect(parsed.every(Boolean)).toBe(true);
    expect(heard(run(parsed as ConversationEvent[]))).toEqual(HEARD);
  });
});

describe('in-call events', () => {
  it('replaces streamed replica text (accumulated, not a delta), then settles it on the final chunk', () => {
    const state = run([
      ev('conversation.replica.started_speaking', {}, { inference_id: 'i1' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hello' }, { inference_id: 'i1' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hello there, how' }, { inference_id: 'i1' }),
    ]);
    expect(texts(state)).toEqual(['replica~: Hello there, how']);
    expect(state.replicaSpeaking).toBe(true);

    const done = run(
      [
        ev(
          'conversation.utterance.streaming',
          { role: 'replica', speech: 'Hello there, how are you?', final: true },
          { inference_id: 'i1' },
        ),
        ev('conversation.replica.stopped_speaking'),
      ],
      state,
    );
    expect(texts(done)).toEqual(['replica: Hello there, how are you?']);
    expect(done.replicaSpeaking).toBe(false);
    expect(done.lines[0]!.id).toBe(state.lines[0]!.id);
  });

  it('keeps answers of different inferences apart and ignores a chunk arriving after the final text', () => {
    const state = run([
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'First' }, { inference_id: 'a' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'First answer.', final: true }, { inference_id: 'a' }),
      ev('conversation.utterance', { role: 'user', speech: 'Mine.' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Second' }, { inference_id: 'b' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'First answer, late' }, { inference_id: 'a' }),
    ]);
    expect(texts(state)).toEqual(['replica: First answer.', 'user: Mine.', 'replica~: Second']);
  });

  it('orders chunks of one reply by content_index, whatever order the network delivers them in', () => {
    const state = run([
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'One two three', content_index: 2 }, { inference_id: 'x' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'One two', content_index: 1 }, { inference_id: 'x' }),
    ]);
    expect(texts(state)).toEqual(['replica~: One two three']);
  });

  it('reads the inference id from the properties too, and copes without one', () => {
    const withProps = run([
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hi', inference_id: 'p1' }),
      ev('conversation.utterance.streaming', { role: 'replica', speech: 'Hi you.', inference_id: 'p1', final: true }),
    ]);
    expect(texts(withProps)).toEqual(['replica: Hi you.']);
    const without = run([
      ev('conversation.utterance', { role: 'replica', speech: 'Hmm, yes.' }),
      ev('conversation.utterance.streaming', { speech: 'Hm' }),
    ]);
    expect(texts(without)).toEqual(['replica~: Hm']);
  });

  it('keeps the user line of a turn that the clean utterance settled, against late recogniser chunks', () => {
    const state = run([
      ev('conversation.utterance.streaming', { role: 'user', speech: 'I fell', final: true }, { turn_idx: 4 }),
      ev('conversation.utterance', { role: 'user', speech: 'I feel tired.' }, { turn_idx: 4 }),
      ev('conversation.utterance.streaming', { role: 'user', speech: 'I fell tired' }, { turn_idx: 4 }),
    ]);
    expect(texts(state)).toEqual(['user: I feel tired.']);
  });

  it("tracks the user's speaking and ignores events it does not know", () => {
    const state = run([
      ev('conversation.user.started_speaking'),
      ev('conversation.tool_call', { name: 'x', arguments: '{}' }),
      ev('conversation.utterance', { role: 'user', speech: '  ' }),
    ]);
    expect(state.userSpeaking).toBe(true);
    expect(state.lines).toEqual([]);
    expect(run([ev('conversation.user.stopped_speaking')], state).userSpeaking).toBe(false);
  });

  it('reads the role-based started/stopped speaking pair like the older per-speaker events', () => {
    const state = run([ev('conversation.started_speaking', { role: 'replica' }), ev('conversation.started_speaking', { role: 'user' })]);
    expect([state.replicaSpeaking, state.userSpeaking]).toEqual([true, true]);
    const after = run(
      [ev('conversation.stopped_speaking', { role: 'replica' }), ev('conversation.stopped_speaking', { role: 'user' })],
      state,
    );
    expect([after.replicaSpeaking, after.userSpeaking]).toEqual([false, false]);
  });

  it('accepts conversation messages only, as objects or JSON strings', () => {
    expect(
      parseConversationEvent({
        message_type: 'conversation',
        event_type: 'conversation.utterance',
        properties: { role: 'user', speech: 'x' },
        extra: 1,
      }),
    ).toMatchObject({ extra: 1 });
    expect(parseConversationEvent(JSON.stringify({ message_type: 'conversation', event_type: 'conversation.utterance' }))).toMatchObject({
      event_type: 'conversation.utterance',
    });
    expect(parseConversationEvent({ message_type: 'system', event_type: 'x' })).toBeNull();
    expect(parseConversationEvent(JSON.stringify({ message_type: 'system', event_type: 'system.shutdown' }))).toBeNull();
    expect(parseConversationEvent({ hello: 'daily chat' })).toBeNull();
    expect(parseConversationEvent('text')).toBeNull();
    expect(parseConversationEvent(undefined)).toBeNull();
  });

  it('builds the respond and interrupt messages Tavus expects', () => {
    expect(respondMessage('c9', 'I feel calmer.')).toEqual({
      message_type: 'conversation',
      event_type: 'conversation.respond',
      conversation_id: 'c9',
      properties: { text: 'I feel calmer.' },
    });
    expect(interruptMessage('c9')).toEqual({ message_type: 'conversation', event_type: 'conversation.interrupt', conversation_id: 'c9' });
  });
});
