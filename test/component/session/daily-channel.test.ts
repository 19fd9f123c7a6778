import type { DailyCall } from '@daily-co/daily-js';
import { dailyChannel } from '@/features/session/call/live-stage';
import type { ConversationEvent } from '@/features/session/call/events';
import { forgetPartnerTold, tellPartnerOnce } from '@/features/session/together/tell-partner';
import { togetherContext } from '@/lib/sessions/together';
import { createScriptedReplica } from '@/features/session/call/scripted-replica';
import { applyConversationEvent, initialCallEvents } from '@/features/session/call/transcript-state';

const TIMING = { greetingDelayMs: 20, wordMs: 2, thinkMs: 10 };

/**
 * The part of a Daily call object the channel uses: app messages in and out, the meeting state and
 * the participants. Like daily-js 0.87, sending before the meeting is joined throws.
 */
function fakeCall() {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  const sent: Array<{ data: unknown; to: unknown }> = [];
  let state = 'loaded';
  const participants: Record<string, { local: boolean; user_id: string }> = { local: { local: true, user_id: 'me' } };
  const fire = (name: string, event: unknown) => handlers.get(name)?.forEach((h) => h(event));
  const call = {
    on: (name: string, handler: (event: unknown) => void) => {
      handlers.set(name, (handlers.get(name) ?? new Set()).add(handler));
      return call;
    },
    off: (name: string, handler: (event: unknown) => void) => {
      handlers.get(name)?.delete(handler);
      return call;
    },
    meetingState: () => state,
    participants: () => participants,
    sendAppMessage: (data: unknown, to: unknown) => {
      if (state !== 'joined-meeting') throw new Error('sendAppMessage() is only supported after join.');
      sent.push({ data, to });
      return call;
    },
  };
  return {
    call: call as unknown as DailyCall,
    sent,
    deliver: (data: unknown) => fire('app-message', { action: 'app-message', data, fromId: 'replica' }),
    join: () => ((state = 'joined-meeting'), fire('joined-meeting', {})),
    replicaJoins: () => ((participants.r = { local: false, user_id: 'tavus-replica-r1' }), fire('participant-joined', {})),
    replicaLeaves: () => (delete participants.r, fire('participant-left', {})),
    listeners: () => [...handlers.values()].reduce((n, set) => n + set.size, 0),
  };
}

describe('the Daily call as a channel of conversation events', () => {
  it('passes on conversation events, drops other app messages, and stops on unsubscribe', () => {
    const daily = fakeCall();
    const channel = dailyChannel(daily.call, 'c777');
    const seen: ConversationEvent[] = [];
    const stop = channel.onEvent((e) => seen.push(e));

    daily.deliver({
      message_type: 'conversation',
      event_type: 'conversation.utterance',
      conversation_id: 'c777',
      properties: { role: 'replica', speech: 'Hello.' },
    });
    daily.deliver({ type: 'chat', text: 'not for us' });
    daily.deliver('garbage');
    expect(seen.map((e) => e.event_type)).toEqual(['conversation.utterance']);

    stop();
    expect(daily.listeners()).toBe(0);
  });

  it('reads payloads that arrive as JSON strings', () => {
    const daily = fakeCall();
    const seen: ConversationEvent[] = [];
    dailyChannel(daily.call, 'c777').onEvent((e) => seen.push(e));
    daily.deliver(
      JSON.stringify({
        message_type: 'conversation',
        event_type: 'conversation.utterance.streaming',
        properties: { role: 'user', speech: 'Hi' },
      }),
    );
    expect(seen).toEqual([expect.objectContaining({ event_type: 'conversation.utterance.streaming' })]);
  });

  it('is ready to send once joined and the replica is in the room, and says so as it changes', () => {
    const daily = fakeCall();
    const channel = dailyChannel(daily.call, 'c777');
    const changes: string[] = [];
    const stop = channel.onReadiness((r) => changes.push(r));
    expect(channel.readiness()).toBe('joining');
    expect(() => channel.respond('too early')).toThrow('only supported after join');
    daily.join();
    daily.replicaJoins();
    expect(changes).toEqual(['waiting_for_replica', 'ready']);
    stop();
    expect(daily.listeners()).toBe(0);
  });

  it('answers with conversation.respond, and interrupts with conversation.interrupt, to everyone in the room', () => {
    const daily = fakeCall();
    daily.join();
    const channel = dailyChannel(daily.call, 'c777');
    channel.respond('I am here.');
    channel.interrupt();
    expect(daily.sent).toEqual([
      {
        data: {
          message_type: 'conversation',
          event_type: 'conversation.respond',
          conversation_id: 'c777',
          properties: { text: 'I am here.' },
        },
        to: '*',
      },
      { data: { message_type: 'conversation', event_type: 'conversation.interrupt', conversation_id: 'c777' }, to: '*' },
    ]);
  });
});

describe('telling the replica that the partner has arrived', () => {
  const people = { hostName: 'Ada', partnerName: 'Grace' };
  // Tavus's documented interaction (docs.tavus.io, "Overwrite Conversational Context Interaction")
  const told = (conversationId: string) => ({
    data: {
      message_type: 'conversation',
      event_type: 'conversation.overwrite_llm_context',
      conversation_id: conversationId,
      properties: { context: togetherContext(people) },
    },
    to: '*',
  });
  beforeEach(() => localStorage.clear());

  it('a partner who arrives before the host’s call is up is told once the replica is in the room, and once only', () => {
    const daily = fakeCall();
    const channel = dailyChannel(daily.call, 'c777');
    tellPartnerOnce(channel, 's1', people);
    expect(daily.sent).toEqual([]); // daily-js refuses to send before the join: nothing thrown, nothing lost
    daily.join();
    expect(daily.sent).toEqual([]); // a broadcast with the replica not yet there would reach nobody
    daily.replicaJoins();
    expect(daily.sent).toEqual([told('c777')]);
    daily.replicaLeaves();
    daily.replicaJoins();
    tellPartnerOnce(channel, 's1', people); // the invite read again
    expect(daily.sent).toEqual([told('c777')]);
    expect(daily.listeners()).toBe(0);
  });

  it('a reload of the host’s tab tells nothing again: Tavus keeps the context it was given', () => {
    const first = fakeCall();
    first.join();
    first.replicaJoins();
    tellPartnerOnce(dailyChannel(first.call, 'c777'), 's1', people);
    expect(first.sent).toEqual([told('c777')]);

    const reloaded = fakeCall();
    tellPartnerOnce(dailyChannel(reloaded.call, 'c777'), 's1', people);
    reloaded.join();
    reloaded.replicaJoins();
    expect(reloaded.sent).toEqual([]);
    expect(reloaded.listeners()).toBe(0);
  });

  it('another session, or the same after its end, is told again; stopping the wait sends nothing', () => {
    const daily = fakeCall();
    daily.join();
    daily.replicaJoins();
    const channel = dailyChannel(daily.call, 'c777');
    tellPartnerOnce(channel, 's1', people);
    tellPartnerOnce(channel, 's2', people);
    forgetPartnerTold('s1');
    tellPartnerOnce(channel, 's1', people);
    expect(daily.sent).toEqual([told('c777'), told('c777'), told('c777')]);

    const waiting = fakeCall();
    const stop = tellPartnerOnce(dailyChannel(waiting.call, 'c888'), 's3', people);
    stop();
    waiting.join();
    waiting.replicaJoins();
    expect(waiting.sent).toEqual([]);
  });

  it('a simulated replica started afresh in a call told before (a reload) knows the partner, and welcomes nobody again', async () => {
    const people = { hostName: 'Ada', partnerName: 'Grace' };
    const first = createScriptedReplica({ conversationId: 'c3', timing: TIMING, together: { hostName: 'Ada' } });
    first.onEvent(() => undefined);
    tellPartnerOnce(first, 's3', people); // the partner arrived before the replica was in the room
    await vi.waitFor(() => expect(first.readiness()).toBe('ready'));
    first.stop();

    const reloaded = createScriptedReplica({ conversationId: 'c3', timing: TIMING, together: { hostName: 'Ada' } });
    let state = initialCallEvents;
    reloaded.onEvent((event) => (state = applyConversationEvent(state, event)));
    tellPartnerOnce(reloaded, 's3', people);
    await vi.waitFor(() => expect(reloaded.readiness()).toBe('ready'));
    reloaded.respond('Where were we?');
    await vi.waitFor(() =>
      expect(state.lines.map((line) => `${line.role}: ${line.text}`).at(-1)).toBe(
        'replica: Thank you, Ada. Grace, how does that land with you?',
      ),
    );
    expect(state.lines.map((line) => `${line.role}: ${line.text}`).filter((line) => line.includes('Welcome, Grace'))).toEqual([]);
    reloaded.stop();
  });
});
