import type { DailyCall } from '@daily-co/daily-js';
import { dailyChannel } from '@/features/session/call/live-stage';
import type { ConversationEvent } from '@/features/session/call/events';

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
