import type { DailyCall } from '@daily-co/daily-js';
import { dailyChannel } from '@/features/session/call/live-stage';
import type { ConversationEvent } from '@/features/session/call/events';

/** The part of a Daily call object the channel uses: app messages in and out. */
function fakeCall() {
  const handlers = new Set<(event: unknown) => void>();
  const sent: Array<{ data: unknown; to: unknown }> = [];
  const call = {
    on: (name: string, handler: (event: unknown) => void) => {
      if (name === 'app-message') handlers.add(handler);
      return call;
    },
    off: (name: string, handler: (event: unknown) => void) => {
      if (name === 'app-message') handlers.delete(handler);
      return call;
    },
    sendAppMessage: (data: unknown, to: unknown) => {
      sent.push({ data, to });
      return call;
    },
  };
  return { call: call as unknown as DailyCall, sent, deliver: (data: unknown) => handlers.forEach((h) => h({ action: 'app-message', data, fromId: 'replica' })), listeners: () => handlers.size };
}

describe('the Daily call as a channel of conversation events', () => {
  it('passes on conversation events, drops other app messages, and stops on unsubscribe', () => {
    const daily = fakeCall();
    const channel = dailyChannel(daily.call, 'c777');
    const seen: ConversationEvent[] = [];
    const stop = channel.onEvent((e) => seen.push(e));

    daily.deliver({ message_type: 'conversation', event_type: 'conversation.utterance', conversation_id: 'c777', properties: { role: 'replica', speech: 'Hello.' } });
    daily.deliver({ type: 'chat', text: 'not for us' });
    daily.deliver('garbage');
    expect(seen.map((e) => e.event_type)).toEqual(['conversation.utterance']);

    stop();
    expect(daily.listeners()).toBe(0);
  });

  it('answers with conversation.respond to everyone in the room', () => {
    const daily = fakeCall();
    dailyChannel(daily.call, 'c777').respond('I am here.');
    expect(daily.sent).toEqual([
      { data: { message_type: 'conversation', event_type: 'conversation.respond', conversation_id: 'c777', properties: { text: 'I am here.' } }, to: '*' },
    ]);
  });
});
