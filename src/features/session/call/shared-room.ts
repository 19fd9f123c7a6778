import type { CallChannel, ConversationEvent, SendReadiness } from './events';
import type { ScriptedReplica } from './scripted-replica';

/**
 * The simulated call of a session together, shared by two tabs of this browser as a Daily room is
 * shared by two browsers: the host's tab plays the replica (scripted-replica.ts) and broadcasts every
 * in-call event to the room; the partner's tab hears them and sends its typed answers and
 * interruptions to the replica, as `sendAppMessage(…, '*')` would. BroadcastChannel reaches the
 * tabs of one browser profile, which is where local data mode's one database lives.
 */

type RoomMessage =
  | { kind: 'event'; event: ConversationEvent }
  | { kind: 'readiness'; readiness: SendReadiness }
  | { kind: 'hello'; name: string }
  | { kind: 'respond'; text: string; name: string }
  | { kind: 'interrupt' };

export const roomName = (conversationId: string) => `awaknow:simulated-room:${conversationId}`;

/**
 * The host's side: the replica's events go out to the room (`relay`, handed to the replica as its
 * `onAny`, so that listening does not start the call before the call screen does), the partner's
 * answers come in once the replica is attached.
 */
export function hostRoom(conversationId: string): {
  relay(event: ConversationEvent): void;
  attach(replica: ScriptedReplica): void;
  close(): void;
} {
  const room = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(roomName(conversationId));
  const post = (message: RoomMessage) => room?.postMessage(message);
  let unready = () => undefined as unknown;
  return {
    relay: (event) => post({ kind: 'event', event }),
    attach(replica) {
      unready = replica.onReadiness((readiness) => post({ kind: 'readiness', readiness }));
      if (!room) return;
      room.onmessage = (message: MessageEvent<RoomMessage>) => {
        const data = message.data;
        try {
          if (data.kind === 'hello') post({ kind: 'readiness', readiness: replica.readiness() });
          else if (data.kind === 'respond') replica.respond(data.text, data.name);
          else if (data.kind === 'interrupt') replica.interrupt();
        } catch {
          // the replica is not ready or the call has ended: the partner's tab shows its own readiness
        }
      };
    },
    close() {
      unready();
      room?.close();
    },
  };
}

/** The partner's side: the room as a CallChannel, for the same transcript and reply box as the host's. */
export function guestRoom(conversationId: string, name: string): CallChannel & { close(): void } {
  const room = new BroadcastChannel(roomName(conversationId));
  const listeners = new Set<(event: ConversationEvent) => void>();
  const readinessListeners = new Set<(readiness: SendReadiness) => void>();
  let readiness: SendReadiness = 'waiting_for_replica';
  const setReadiness = (value: SendReadiness) => {
    readiness = value;
    for (const listener of readinessListeners) listener(value);
  };
  room.onmessage = (message: MessageEvent<RoomMessage>) => {
    const data = message.data;
    if (data.kind === 'event') {
      if (readiness !== 'ready') setReadiness('ready');
      for (const listener of listeners) listener(data.event);
    } else if (data.kind === 'readiness') setReadiness(data.readiness);
  };
  const post = (message: RoomMessage) => room.postMessage(message);
  post({ kind: 'hello', name });
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
  return {
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
    close() {
      listeners.clear();
      readinessListeners.clear();
      room.close();
    },
  };
}
