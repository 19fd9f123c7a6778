/**
 * How the people in a simulated call reach each other (see shared-room.ts): what one posts, every
 * other one hears, never the poster itself, as a Daily room's app messages go. Two tabs of one
 * browser share a BroadcastChannel; two browsers share the dev server's relay (VITE_LOCAL_DATA=dev-server).
 */
export interface RoomLink {
  post(message: { kind: string }): void;
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
  /**
   * The others are in other browsers, with simulators of their own: only the host's simulator holds
   * the call, so the partner's presence reaches it through the room.
   */
  readonly acrossBrowsers: boolean;
}

/**
 * A random id for one page in a room (not a secret): from getRandomValues, which, unlike
 * crypto.randomUUID, also exists on a dev server reached over the network by plain http.
 */
export const roomMemberId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

export type OpenRoomLink = (conversationId: string) => RoomLink | null;

/**
 * A link whose transport loads on first use (the dev server's relay is no part of the first page):
 * what is posted before it has loaded goes out, in order, once it has, and a close after them.
 */
export function deferredRoomLink(load: () => Promise<OpenRoomLink>, acrossBrowsers: boolean): OpenRoomLink {
  return (conversationId) => {
    let closed = false;
    // Each use waits for the load in the order it was made; a relay that cannot load carries nothing,
    // as a lost app message would not (the partner's page keeps waiting for the replica).
    const link = load()
      .then((open) => open(conversationId))
      .catch(() => null);
    return {
      acrossBrowsers,
      post(message) {
        if (!closed) void link.then((opened) => opened?.post(message)); // in order, and before a later close
      },
      onMessage(next) {
        void link.then((opened) => opened?.onMessage(next));
      },
      close() {
        closed = true;
        void link.then((opened) => opened?.close());
      },
    };
  };
}

/** The tabs of this browser profile: where local data mode's one database lives, by default. */
export const broadcastRoomLink: OpenRoomLink = (conversationId) => {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(`awaknow:simulated-room:${conversationId}`);
  return {
    acrossBrowsers: false,
    post: (message) => channel.postMessage(message),
    onMessage(listener) {
      channel.onmessage = (event: MessageEvent<unknown>) => listener(event.data);
    },
    close: () => channel.close(),
  };
};
