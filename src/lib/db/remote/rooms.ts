import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONVERSATION_ID_PATTERN } from './protocol';
import { readJson, sendJson, startEvents, type EventStream } from './http';

/**
 * The simulated call's room across browsers (VITE_LOCAL_DATA=dev-server): what a Daily room is to
 * two browsers, and a BroadcastChannel to two tabs. Each conversation id is a room; a POST's message
 * goes to every browser listening to that room (GET, Server-Sent Events), the sender's own streams
 * included (a message names its sender, who ignores its own, as BroadcastChannel never echoes).
 * Only the session's two people get in (the host, and the partner who redeemed its invite), as only
 * they hold the private room's way in; the server reads nothing in a message but that it is an object
 * with a `kind` and a `from`.
 */
export function createRooms() {
  const rooms = new Map<string, Set<EventStream>>();
  return {
    /** `admits`: whether the caller is one of the two people of the conversation's session. */
    async handle(
      request: IncomingMessage,
      response: ServerResponse,
      conversationId: string,
      closers: Set<() => void>,
      admits: (conversationId: string) => Promise<boolean>,
    ): Promise<void> {
      if (!CONVERSATION_ID_PATTERN.test(conversationId)) {
        return sendJson(response, 400, { error: { code: 'bad_request', message: 'That is not a conversation id.' } });
      }
      if (!(await admits(conversationId))) {
        return sendJson(response, 403, {
          error: { code: 'bad_request', message: 'Only the host and the partner of this session may be in its room.' },
        });
      }
      if (request.method === 'GET') {
        const stream = startEvents(request, response, closers);
        const room = rooms.get(conversationId) ?? new Set<EventStream>();
        rooms.set(conversationId, room.add(stream));
        stream.onClose(() => {
          room.delete(stream);
          if (room.size === 0) rooms.delete(conversationId);
        });
        return;
      }
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'GET, POST');
        return sendJson(response, 405, { error: { code: 'bad_request', message: 'Use GET to listen to a room, POST to speak in it.' } });
      }
      const body = await readJson(request);
      if ('status' in body) return sendJson(response, body.status, { error: { code: 'bad_request', message: body.message } });
      const message = body.value as { kind?: unknown; from?: unknown } | null;
      if (typeof message !== 'object' || message === null || typeof message.kind !== 'string' || typeof message.from !== 'string') {
        return sendJson(response, 400, { error: { code: 'bad_request', message: 'A room message is an object with a kind and a from.' } });
      }
      for (const stream of rooms.get(conversationId) ?? []) stream.send('message', message);
      sendJson(response, 200, { result: null });
    },
  };
}
