import type { IncomingMessage, ServerResponse } from 'node:http';

/** The dev server's answers, in node: JSON bodies in and out, and Server-Sent Events streams. */

export interface Refusal {
  status: number;
  message: string;
}

export const refusal = (status: number, message: string): Refusal => ({ status, message });

/** What a call may carry: an answer or a room message is small; anything larger is refused unread. */
const MAX_BODY_BYTES = 256 * 1024;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
}

/** The request's JSON body, or why it is refused (not JSON, too large): refused requests change nothing. */
export async function readJson(request: IncomingMessage): Promise<{ value: unknown } | Refusal> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return refusal(415, 'Send the call as JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return refusal(413, `The call is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return refusal(400, 'The body is not valid JSON; nothing was changed.');
  }
}

export interface EventStream {
  send(event: string, data: unknown): void;
  onClose(listener: () => void): void;
}

/**
 * Starts a Server-Sent Events answer. A comment every 15 s keeps proxies and the browser from
 * taking a quiet stream for a dead one; `closers` lets the server end every stream when it stops.
 */
export function startEvents(request: IncomingMessage, response: ServerResponse, closers: Set<() => void>): EventStream {
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': open\n\n');
  const listeners: Array<() => void> = [];
  const beat = setInterval(() => response.write(': still here\n\n'), 15_000);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(beat);
    closers.delete(close);
    for (const listener of listeners) listener();
    response.end();
  };
  closers.add(close);
  request.on('close', close);
  return {
    send(event, data) {
      if (!closed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose: (listener) => void listeners.push(listener),
  };
}
