import { describe, expect, it, vi } from 'vitest';
import { createScriptedReplica } from '@/features/session/call/scripted-replica';
import { guestRoom, hostRoom } from '@/features/session/call/shared-room';
import { applyConversationEvent, initialCallEvents } from '@/features/session/call/transcript-state';
import { deferredRoomLink, type OpenRoomLink, type RoomLink } from '@/lib/room-link';

// The simulated call of a session together when the two people are in two browsers: the host's page
// plays the replica, and only its simulator holds the call, so what the partner's page does to the
// call (arrive, leave, end it for both) must reach the host's page through the room.

const TIMING = { greetingDelayMs: 20, wordMs: 2, thinkMs: 10 };

/**
 * The dev server's relay as rooms.ts plays it, without the network: every message posted to a
 * conversation goes to every link of it, and each link drops its own (JSON, as over the wire).
 */
function relay(): OpenRoomLink {
  const rooms = new Map<string, Set<{ id: number; hear: (message: unknown) => void }>>();
  let next = 0;
  return (conversationId) => {
    const id = next++;
    const members = rooms.get(conversationId) ?? new Set();
    rooms.set(conversationId, members);
    const member = { id, hear: (_message: unknown) => undefined as void };
    members.add(member);
    const link: RoomLink = {
      acrossBrowsers: true,
      post(message) {
        const wire = JSON.stringify(message);
        for (const other of members) if (other.id !== id) queueMicrotask(() => other.hear(JSON.parse(wire)));
      },
      onMessage(listener) {
        member.hear = listener;
      },
      close: () => void members.delete(member),
    };
    return link;
  };
}

const lines = (page: { lines: Array<{ role: string; text: string }> }) => page.lines.map((line) => `${line.role}: ${line.text}`);

describe('a simulated call together across two browsers', () => {
  it('carries the partner’s arrival, answers, leaving and end to the host’s page, which holds the call', async () => {
    const open = relay();
    const presence: boolean[] = [];
    const onEndedByPartner = vi.fn();
    const host = hostRoom('c-two', { open, onPartner: async (present) => presence.push(present) > 0, onEndedByPartner });
    const replica = createScriptedReplica({ conversationId: 'c-two', timing: TIMING, together: { hostName: 'Ada' }, onAny: host.relay });
    host.attach(replica);
    replica.onEvent(() => undefined); // the host's call screen listens: the replica joins

    const partner = guestRoom('c-two', 'Grace', open);
    expect(partner.acrossBrowsers).toBe(true);
    let heard = initialCallEvents;
    partner.onEvent((event) => (heard = applyConversationEvent(heard, event)));
    await vi.waitFor(() => expect(presence).toEqual([true]));
    await vi.waitFor(() => expect(partner.readiness()).toBe('ready'));

    partner.respond('We keep missing each other.');
    await vi.waitFor(() => expect(lines(heard).at(-1)).toBe('replica: Thank you, Grace. Ada, how does that land with you?'));
    expect(lines(heard)).toContain('user: We keep missing each other.');

    expect(onEndedByPartner).not.toHaveBeenCalled();
    partner.endedForBoth!();
    await vi.waitFor(() => expect(onEndedByPartner).toHaveBeenCalledTimes(1));
    partner.close();
    await vi.waitFor(() => expect(presence).toEqual([true, false]));
    host.close();
    replica.stop();
  });

  it('takes the partner’s meeting token to the host’s page, whose simulated private room lets in only the right one', async () => {
    const tokens: Array<string | undefined> = [];
    // the host's simulator answers whether its room admits the token (simulator.test.ts holds that room to it)
    const onPartner = async (present: boolean, token?: string) => {
      if (present) tokens.push(token);
      return token === 'room-token';
    };
    const open = relay();
    const host = hostRoom('c-private', { open, onPartner });
    const replica = createScriptedReplica({
      conversationId: 'c-private',
      timing: TIMING,
      together: { hostName: 'Ada' },
      onAny: host.relay,
    });
    host.attach(replica);
    replica.onEvent(() => undefined);

    const stranger = guestRoom('c-private', 'Mallory', open, 'a-guessed-token');
    const strangerRefused = vi.fn();
    stranger.onRefused(strangerRefused);
    let strangerHeard = 0;
    stranger.onEvent(() => strangerHeard++);
    await vi.waitFor(() => expect(strangerRefused).toHaveBeenCalledTimes(1));
    const heardWhenRefused = strangerHeard;

    const partner = guestRoom('c-private', 'Grace', open, 'room-token');
    const partnerRefused = vi.fn();
    partner.onRefused(partnerRefused);
    await vi.waitFor(() => expect(partner.readiness()).toBe('ready'));
    expect(tokens).toEqual(['a-guessed-token', 'room-token']);
    partner.respond('We keep missing each other.');
    await vi.waitFor(() => expect(tokens).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the replica answers Grace
    expect(partnerRefused).not.toHaveBeenCalled();
    expect(strangerRefused).toHaveBeenCalledTimes(1);
    expect(strangerHeard).toBe(heardWhenRefused); // refused: nothing more of the call reaches that page
    for (const page of [stranger, partner]) page.close();
    host.close();
    replica.stop();
  });

  it('works the same when the relay loads only once the call needs it (no part of the first page)', async () => {
    const open = relay();
    let loaded: (link: OpenRoomLink) => void = () => undefined;
    const later = deferredRoomLink(() => new Promise<OpenRoomLink>((resolve) => (loaded = resolve)), true);
    const presence: boolean[] = [];
    const host = hostRoom('c-later', { open, onPartner: async (present) => presence.push(present) > 0 });
    const replica = createScriptedReplica({ conversationId: 'c-later', timing: TIMING, together: { hostName: 'Ada' }, onAny: host.relay });
    host.attach(replica);
    replica.onEvent(() => undefined);

    const partner = guestRoom('c-later', 'Grace', later); // its hello waits for the relay
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(presence).toEqual([]);
    loaded(open);
    await vi.waitFor(() => expect(partner.readiness()).toBe('ready'));
    partner.close(); // the bye goes out before the link closes
    await vi.waitFor(() => expect(presence).toEqual([true, false]));
    host.close();
    replica.stop();
  });

  it('between two tabs of one browser leaves the call to the shared simulator: no presence or end through the room', async () => {
    const onPartner = vi.fn();
    const onEndedByPartner = vi.fn();
    const host = hostRoom('c-tabs', { onPartner, onEndedByPartner });
    const replica = createScriptedReplica({ conversationId: 'c-tabs', timing: TIMING, together: { hostName: 'Ada' }, onAny: host.relay });
    host.attach(replica);
    replica.onEvent(() => undefined);
    const partner = guestRoom('c-tabs', 'Grace'); // BroadcastChannel, as in the browser
    expect(partner.acrossBrowsers).toBe(false);
    expect(partner.endedForBoth).toBeUndefined();
    await vi.waitFor(() => expect(partner.readiness()).toBe('ready'));
    partner.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onPartner).not.toHaveBeenCalled();
    expect(onEndedByPartner).not.toHaveBeenCalled();
    host.close();
    replica.stop();
  });
});
