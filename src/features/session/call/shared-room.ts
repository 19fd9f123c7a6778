import type { CallChannel, ConversationEvent, SendReadiness } from './events';
import type { ScriptedReplica } from './scripted-replica';
import { broadcastRoomLink, roomMemberId, type OpenRoomLink } from '@/lib/room-link';

/**
 * The simulated call of a session together, shared by the two people's pages as a Daily room is
 * shared by two browsers: the host's page plays the replica (scripted-replica.ts) and sends every
 * in-call event to the room; the partner's page hears them and sends its typed answers and
 * interruptions to the replica, as `sendAppMessage(…, '*')` would. The room travels by a RoomLink:
 * a BroadcastChannel between two tabs of this browser (where local data mode's database lives), or
 * the dev server's relay between two browsers (VITE_LOCAL_DATA=dev-server), chosen by the composition root.
 */

type RoomMessage =
  | { kind: 'event'; event: ConversationEvent }
  | { kind: 'readiness'; readiness: SendReadiness }
  /** The partner's page is in the room, with the private room's meeting_token the redeemed invite carried. */
  | { kind: 'hello'; name: string; meetingToken?: string | undefined; page?: string }
  /** Across browsers: the host's simulator, which holds the call, did not let the partner in (no or a wrong token). */
  | { kind: 'refused'; to?: string | undefined }
  | { kind: 'respond'; text: string; name: string }
  | { kind: 'interrupt' }
  /** The partner's page left the call (across browsers: the host's simulator, which holds the call, hears it). */
  | { kind: 'bye' }
  /** The partner ended the session for both (across browsers: the host's page ends the call at its simulator). */
  | { kind: 'end' };

/**
 * The host's side: the replica's events go out to the room (`relay`, handed to the replica as its
 * `onAny`, so that listening does not start the call before the call screen does), the partner's
 * answers come in once the replica is attached.
 */
export function hostRoom(
  conversationId: string,
  options: {
    open?: OpenRoomLink | undefined;
    /**
     * Across browsers: the partner's page came (with its meeting token) or went, for the simulator that
     * holds the call here; it answers whether the private room let them in.
     */
    onPartner?: (present: boolean, meetingToken?: string) => Promise<boolean>;
    /** Across browsers: the partner ended the session for both; the call, held here, ends. */
    onEndedByPartner?: () => void;
  } = {},
): {
  relay(event: ConversationEvent): void;
  attach(replica: ScriptedReplica): void;
  close(): void;
} {
  const room = (options.open ?? broadcastRoomLink)(conversationId);
  const post = (message: RoomMessage) => room?.post(message);
  const presence = room?.acrossBrowsers ? options.onPartner : undefined;
  const endedByPartner = room?.acrossBrowsers ? options.onEndedByPartner : undefined;
  let unready = () => undefined as unknown;
  return {
    relay: (event) => post({ kind: 'event', event }),
    attach(replica) {
      unready = replica.onReadiness((readiness) => post({ kind: 'readiness', readiness }));
      if (!room) return;
      room.onMessage((message) => {
        const data = message as RoomMessage;
        try {
          if (data.kind === 'hello') {
            if (!presence) post({ kind: 'readiness', readiness: replica.readiness() });
            else
              void presence(true, data.meetingToken).then((admitted) =>
                post(admitted ? { kind: 'readiness', readiness: replica.readiness() } : { kind: 'refused', to: data.page }),
              );
          } else if (data.kind === 'bye') void presence?.(false);
          else if (data.kind === 'end') endedByPartner?.();
          else if (data.kind === 'respond') replica.respond(data.text, data.name);
          else if (data.kind === 'interrupt') replica.interrupt();
        } catch {
          // the replica is not ready or the call has ended: the partner's tab shows its own readiness
        }
      });
    },
    close() {
      unready();
      room?.close();
    },
  };
}

/** The partner's side: the room as a CallChannel, for the same transcript and reply box as the host's. */
export function guestRoom(
  conversationId: string,
  name: string,
  open: OpenRoomLink = broadcastRoomLink,
  meetingToken?: string,
): CallChannel & { close(): void; readonly acrossBrowsers: boolean; onRefused(listener: () => void): void } {
  const room = open(conversationId);
  if (!room) throw new Error('This browser cannot join a simulated room (no BroadcastChannel).');
  const listeners = new Set<(event: ConversationEvent) => void>();
  const readinessListeners = new Set<(readiness: SendReadiness) => void>();
  let refused = () => undefined as unknown;
  let readiness: SendReadiness = 'waiting_for_replica';
  const setReadiness = (value: SendReadiness) => {
    readiness = value;
    for (const listener of readinessListeners) listener(value);
  };
  // The room reaches everyone in it: a refusal names the page it is for, which then hears nothing more.
  const me = roomMemberId();
  let out = false;
  room.onMessage((message) => {
    const data = message as RoomMessage;
    if (out) return;
    if (data.kind === 'event') {
      if (readiness !== 'ready') setReadiness('ready');
      for (const listener of listeners) listener(data.event);
    } else if (data.kind === 'readiness') setReadiness(data.readiness);
    else if (data.kind === 'refused' && data.to === me) {
      out = true;
      refused();
    }
  });
  const post = (message: RoomMessage) => room.post(message);
  post({ kind: 'hello', name, meetingToken, page: me });
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
  return {
    acrossBrowsers: room.acrossBrowsers,
    onRefused(listener) {
      refused = listener;
    },
    onEvent: subscribe(listeners),
    readiness: () => readiness,
    onReadiness: subscribe(readinessListeners),
    respond(text) {
      if (readiness !== 'ready') throw new Error('The replica is not in the call yet.');
      post({ kind: 'respond', text, name });
    },
    interrupt() {
      post({ kind: 'interrupt' });
    },
    ...(room.acrossBrowsers ? { endedForBoth: () => post({ kind: 'end' }) } : {}),
    close() {
      listeners.clear();
      readinessListeners.clear();
      post({ kind: 'bye' });
      room.close();
    },
  };
}
