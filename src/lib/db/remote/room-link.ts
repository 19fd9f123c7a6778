import { roomMemberId, type OpenRoomLink } from '@/lib/room-link';
import { ACCOUNT_HEADER, ACCOUNT_PARAM, LOCAL_ROOM_PATH } from './paths';

/**
 * The simulated room through the dev server (rooms.ts), for browsers that share its database: each
 * one hears the room by Server-Sent Events and speaks by POST. Posts wait until this browser hears the
 * room (a partner's first "hello" would otherwise be answered before it listens) and go in order;
 * the relay sends every message to every listener, so each link drops its own by a random sender id.
 */
export function serverRoomLink(accountKey: string, base = ''): OpenRoomLink {
  return (conversationId) => {
    const from = roomMemberId();
    const address = `${base}${LOCAL_ROOM_PATH}${encodeURIComponent(conversationId)}`;
    const source = new EventSource(`${address}?${ACCOUNT_PARAM}=${accountKey}`);
    const opened = new Promise<void>((resolve) => source.addEventListener('open', () => resolve(), { once: true }));
    let sending: Promise<unknown> = opened;
    let listener: (message: unknown) => void = () => undefined;
    source.addEventListener('message', (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as { from?: unknown };
      if (message.from !== from) listener(message);
    });
    return {
      acrossBrowsers: true,
      post(message) {
        const body = JSON.stringify({ ...message, from });
        sending = sending
          .then(() =>
            fetch(address, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', [ACCOUNT_HEADER]: accountKey },
              body,
              keepalive: true,
            }),
          )
          .catch(() => undefined); // a lost message is a lost app message: the call goes on, as Daily's would
      },
      onMessage(next) {
        listener = next;
      },
      close: () => source.close(),
    };
  };
}
