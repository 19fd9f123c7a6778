import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from '@/lib/db';
import { createLocalDbHost, type LocalDbHost } from '@/lib/db/remote/host';
import { createRemoteDb, NOT_SERVED } from '@/lib/db/remote/client';
import { ACCOUNT_HEADER, LOCAL_DB_EVENTS_PATH, LOCAL_DB_PATH, LOCAL_ROOM_PATH } from '@/lib/db/remote/protocol';
import { loadDiskSchema, PERSONA, REPLICA } from './disk-schema';

// VITE_LOCAL_DATA=dev-server's transport, end to end in node: the host's middleware on a real http
// server, one in-memory PGlite with the real migrations, and the browser's client calling it as two
// browsers (two account keys). What a page (or another site's page) sends is what is sent here.

let server: Server;
let host: LocalDbHost;
let origin: string;

beforeAll(async () => {
  host = createLocalDbHost({ loadSchema: loadDiskSchema });
  server = createServer((request, response) =>
    host.handle(request, response, () => {
      response.statusCode = 404;
      response.end('not here');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await host.close();
  await new Promise((resolve) => server.close(resolve));
});

const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A page of this server: fetch sends its Origin with every POST, as a browser does. */
const pageFetch: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), Origin: origin } });
const browser = (accountKey = newKey()) => createRemoteDb({ accountKey, baseUrl: origin, fetch: pageFetch });

function post(body: string, headers: Record<string, string>, path = LOCAL_DB_PATH) {
  return fetch(`${origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

async function refusalOf(response: Response) {
  return { status: response.status, error: ((await response.json()) as { error: { code: string; message: string } }).error };
}

/** A Server-Sent Events stream read as a browser's EventSource would: each event's name and data. */
async function listen(path: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${origin}${path}`, { headers, signal: controller.signal });
  const events: Array<{ event: string; data: unknown }> = [];
  const stream = { response, events, close: () => controller.abort(), onEvent: (_event: string, _data: unknown) => undefined as void };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
            stream.onEvent(event, JSON.parse(data));
          }
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return stream;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
};

describe('the dev server’s shared local database', () => {
  it('makes each browser its own account, on the same database and its rules', async () => {
    const ada = browser();
    const grace = browser();
    const [adaId, graceId] = [await ada.userId(), await grace.userId()];
    expect(adaId).not.toBe(graceId);
    // the same key is the same account, on every call and after a "reload" (a new client)
    const key = newKey();
    expect(await browser(key).userId()).toBe(await browser(key).userId());

    const usage = await ada.usage();
    expect(usage.plan.id).toBe('free');
    const session = await ada.startSession({ sessionType: 'reflect_alone', personaId: PERSONA, replicaId: REPLICA });
    expect(session).toMatchObject({ status: 'starting', user_id: adaId, created_at: expect.any(String) });
    expect((await ada.currentSession())?.id).toBe(session.id);
    // row-level security as everywhere: Grace neither sees nor ends Ada's session
    expect(await grace.getSession(session.id)).toBeNull();
    await expect(grace.endSession(session.id)).rejects.toMatchObject({ code: 'session_not_found' });
    expect((await ada.getSession(session.id))?.status).toBe('starting');
    await ada.failSession(session.id, 'the test ends it');
  });

  it('keeps the database’s codes across the wire, so the pages say what they always say', async () => {
    const ada = browser();
    await expect(ada.startSession({ sessionType: 'resolve_together', personaId: PERSONA })).rejects.toMatchObject({
      name: 'DbError',
      code: 'session_type_not_allowed',
    });
    const refused = await ada.startSession({ sessionType: 'nap' as never, personaId: PERSONA }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DbError);
    expect(refused).toMatchObject({ code: 'invalid_argument' });
    await expect(ada.invites!.previewInvite('ZZZZZZ')).rejects.toMatchObject({ code: 'invite_not_found' });
    await expect(ada.local!.setPlan('platinum')).rejects.toMatchObject({ code: 'invalid_argument' });
    expect((await ada.usage()).plan.id).toBe('free');
  });

  it('holds a session together between two accounts, charged once to the host', async () => {
    const ada = browser();
    const grace = browser();
    await ada.local!.setPlan('pro');
    const session = await ada.startSession({ sessionType: 'resolve_together', personaId: PERSONA, replicaId: REPLICA });
    await ada.attachConversation(session.id, 'c0ffee000001', 'https://tavus.daily.co/c0ffee000001');
    const invite = await ada.invites!.createInvite(session.id, 'Ada');
    expect(await grace.invites!.previewInvite(invite.code)).toMatchObject({ host_name: 'Ada', session_status: 'active' });
    expect(await grace.invites!.redeemInvite(invite.token, 'Grace')).toMatchObject({ id: session.id, partner_name: 'Grace' });
    await expect(browser().invites!.redeemInvite(invite.token, 'Eve')).rejects.toMatchObject({ code: 'invite_used' });
    expect((await ada.invites!.hostInvite(session.id))?.partner_name).toBe('Grace');
    const ended = await grace.invites!.endJoinedSession(session.id);
    expect(ended.status).toBe('ended');
    const hostRow = await ada.getSession(session.id);
    expect(hostRow?.status).toBe('ended');
    expect((await ada.usage()).secondsUsed).toBe(hostRow!.seconds_used);
    expect((await grace.usage()).secondsUsed).toBe(0);
    expect((await grace.invites!.joinedSessions()).map((s) => s.id)).toEqual([session.id]);
  });

  it('tells an account’s listeners of its sessions’ changes, and no other account, by Server-Sent Events', async () => {
    const key = newKey();
    const ada = browser(key);
    await ada.userId();
    const stream = await listen(`${LOCAL_DB_EVENTS_PATH}?account=${key}`);
    const eveKey = newKey();
    await browser(eveKey).userId();
    const eve = await listen(`${LOCAL_DB_EVENTS_PATH}?account=${eveKey}`);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const session = await ada.startSession({ sessionType: 'reflect_alone', personaId: PERSONA });
    const about = (events: typeof stream.events) =>
      events.filter((e) => e.event === 'change' && (e.data as { sessionId?: string }).sessionId === session.id);
    await until(() => about(stream.events).length > 0);
    // another browser of the server hears nothing of Ada's session, not even its id
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(about(eve.events)).toEqual([]);
    stream.close();
    eve.close();
    await ada.failSession(session.id, 'done');
  });

  it('calls subscribe()’s listeners when another browser changes a session this one is in', async () => {
    // the browser's EventSource, as far as the client uses it, on the stream the listen() helper reads
    const opening: Array<Promise<unknown>> = [];
    class StreamSource {
      private readonly listeners = new Map<string, (event: { data: string }) => void>();
      private stream: Awaited<ReturnType<typeof listen>> | undefined;
      constructor(url: string) {
        const opened = listen(new URL(url).pathname + new URL(url).search).then((stream) => {
          this.stream = stream;
          stream.onEvent = (event, data) => this.listeners.get(event)?.({ data: JSON.stringify(data) });
        });
        opening.push(opened);
      }
      addEventListener(event: string, listener: (event: { data: string }) => void) {
        this.listeners.set(event, listener);
      }
      close() {
        this.stream?.close();
      }
    }
    const adaKey = newKey();
    const ada = createRemoteDb({ accountKey: adaKey, baseUrl: origin, fetch: pageFetch, EventSource: StreamSource as never });
    const grace = browser();
    await ada.local!.setPlan('pro');
    const session = await ada.startSession({ sessionType: 'resolve_together', personaId: PERSONA });
    await ada.attachConversation(session.id, 'c0ffee000005', 'https://tavus.daily.co/c0ffee000005');
    const invite = await ada.invites!.createInvite(session.id, 'Ada');
    const heard: unknown[] = [];
    const stop = ada.subscribe((change) => heard.push(change));
    await Promise.all(opening); // the server has answered the stream: it listens for this account
    await grace.invites!.redeemInvite(invite.token, 'Grace');
    await until(() => heard.some((change) => (change as { sessionId?: string }).sessionId === session.id));
    stop();
    await ada.close();
    await grace.invites!.endJoinedSession(session.id);
  });

  it('accepts the simulator’s callbacks for the account’s own conversations only', async () => {
    const ada = browser();
    const eve = browser();
    const session = await ada.startSession({ sessionType: 'reflect_alone', personaId: PERSONA });
    await ada.attachConversation(session.id, 'c0ffee000002', 'https://tavus.daily.co/c0ffee000002');
    const joined = { conversation_id: 'c0ffee000002', event_type: 'system.replica_joined', message_type: 'system', properties: {} };
    await expect(eve.recordTavusCallback(joined)).rejects.toMatchObject({ code: 'session_not_found' });
    expect((await ada.getSession(session.id))?.joined_at).toBeNull();
    await ada.recordTavusCallback(joined);
    expect((await ada.getSession(session.id))?.joined_at).toEqual(expect.any(String));
    await ada.endSession(session.id);
  });
});

describe('what the dev server refuses, changing nothing', () => {
  const key = newKey();
  const start = JSON.stringify({ method: 'startSession', args: [{ sessionType: 'reflect_alone', personaId: PERSONA }] });

  it('refuses a page of another site (CSRF) and a rebound host name, with 403', async () => {
    expect(await refusalOf(await post(start, { [ACCOUNT_HEADER]: key, Origin: 'https://evil.example' }))).toMatchObject({
      status: 403,
      error: { message: expect.stringContaining('https://evil.example') },
    });
    expect((await post(start, { [ACCOUNT_HEADER]: key })).status).toBe(403); // a POST without an Origin
    const rebound = await post(start, { [ACCOUNT_HEADER]: key, Origin: 'http://evil.example', Host: 'evil.example' });
    expect(rebound.status).toBe(403);
    const events = await fetch(`${origin}${LOCAL_DB_EVENTS_PATH}?account=${key}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(events.status).toBe(403);
    // none of them started anything for this account
    expect(await browser(key).currentSession()).toBeNull();
  });

  it('refuses a missing or ill-formed account key with 401', async () => {
    expect(await refusalOf(await post(start, { Origin: origin }))).toMatchObject({ status: 401 });
    expect(await refusalOf(await post(start, { Origin: origin, [ACCOUNT_HEADER]: 'abc' }))).toMatchObject({
      status: 401,
      error: { message: expect.stringContaining('64 hexadecimal digits') },
    });
  });

  it('refuses an unknown method, malformed JSON or arguments, another content type or verb, with 4xx', async () => {
    const headers = { Origin: origin, [ACCOUNT_HEADER]: key };
    for (const body of [
      JSON.stringify({ method: 'exec', args: ['drop table public.sessions'] }),
      JSON.stringify({ method: 'constructor', args: [] }),
      '{"method": "startSession", ',
      JSON.stringify({ method: 'startSession', args: ['reflect_alone'] }),
      JSON.stringify({ method: 'endSession', args: [] }),
      JSON.stringify([1, 2]),
    ]) {
      const refused = await refusalOf(await post(body, headers));
      expect(refused, body).toMatchObject({ status: 400, error: { code: 'bad_request' } });
    }
    const plain = await fetch(`${origin}${LOCAL_DB_PATH}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/plain' },
      body: start,
    });
    expect(plain.status).toBe(415);
    expect((await fetch(`${origin}${LOCAL_DB_PATH}`, { headers })).status).toBe(405);
    expect(await browser(key).currentSession()).toBeNull();
    expect((await browser(key).usage()).secondsUsed).toBe(0);
  });

  it('leaves every other path to the rest of the server', async () => {
    expect(await (await fetch(`${origin}/index.html`)).text()).toBe('not here');
  });
});

describe('the simulated room across browsers', () => {
  it('relays a message to everyone listening to that conversation, and lets in only its two people', async () => {
    const [adaKey, graceKey, eveKey] = [newKey(), newKey(), newKey()];
    const ada = browser(adaKey);
    await ada.local!.setPlan('pro');
    const session = await ada.startSession({ sessionType: 'resolve_together', personaId: PERSONA });
    await ada.attachConversation(session.id, 'c0ffee000003', 'https://tavus.daily.co/c0ffee000003');
    const invite = await ada.invites!.createInvite(session.id, 'Ada');
    const room = `${LOCAL_ROOM_PATH}c0ffee000003`;
    // before redeeming, Grace is nobody in this room
    expect((await fetch(`${origin}${room}?account=${graceKey}`)).status).toBe(403);
    await browser(graceKey).invites!.redeemInvite(invite.code, 'Grace');

    const host = await listen(`${room}?account=${adaKey}`);
    const partner = await listen(`${room}?account=${graceKey}`);
    expect(host.response.status).toBe(200);
    const message = { kind: 'respond', from: 'partner-1', text: 'Hello', name: 'Grace' };
    const sent = await post(JSON.stringify(message), { Origin: origin, [ACCOUNT_HEADER]: graceKey }, room);
    expect(sent.status).toBe(200);
    await until(() => host.events.length === 1 && partner.events.length === 1);
    expect(host.events[0]).toEqual({ event: 'message', data: message });

    // Eve, another browser of this server, neither hears nor speaks in it; nor does another site's page
    expect((await fetch(`${origin}${room}?account=${eveKey}`)).status).toBe(403);
    expect((await post(JSON.stringify(message), { Origin: origin, [ACCOUNT_HEADER]: eveKey }, room)).status).toBe(403);
    expect((await post(JSON.stringify(message), { Origin: 'https://evil.example', [ACCOUNT_HEADER]: adaKey }, room)).status).toBe(403);
    expect((await post('{"text":"no kind"}', { Origin: origin, [ACCOUNT_HEADER]: adaKey }, room)).status).toBe(400);
    expect((await fetch(`${origin}${LOCAL_ROOM_PATH}..%2Fx?account=${adaKey}`)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.events).toHaveLength(1);
    host.close();
    partner.close();
    await ada.endSession(session.id);
  });
});

describe('a dev-server build on a host without the database', () => {
  it('says where it can run instead of failing on its first read', async () => {
    const html: typeof fetch = async () =>
      new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    const db = createRemoteDb({ accountKey: newKey(), baseUrl: 'https://static.example', fetch: html });
    await expect(db.home!()).rejects.toMatchObject({ code: 'db_error', message: NOT_SERVED });
  });
});
