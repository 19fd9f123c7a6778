import { describe, expect, it } from 'vitest';
import { ConcurrencyLimitError, RateLimitError, createTavusClient, type TavusClient } from '@/lib/tavus';
import {
  DEFAULT_PERSONA_ID,
  DEFAULT_REPLICA_ID,
  SIMULATOR_STORAGE_KEY,
  createTavusSimulator,
  type SimulatorStorage,
  type TavusSimulatorOptions,
} from '@/lib/tavus/simulator';

const START = Date.parse('2025-06-01T09:00:00Z');

function setup(options: TavusSimulatorOptions = {}) {
  let time = START;
  const simulator = createTavusSimulator({ now: () => time, ...options });
  const tavus: TavusClient = createTavusClient({
    baseUrl: 'https://tavusapi.com',
    apiKey: 'dev',
    fetch: simulator.fetch,
    sleep: async () => {},
  });
  const raw = (path: string, init: RequestInit = {}) =>
    simulator.fetch(`https://tavusapi.com${path}`, {
      ...init,
      headers: { 'x-api-key': 'dev', 'content-type': 'application/json', ...init.headers },
    });
  return { simulator, tavus, raw, advance: (ms: number) => void (time += ms) };
}

function memoryStorage(): SimulatorStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('seeded account', () => {
  it('has the default persona on its default replica, and stock replicas ready to use', async () => {
    const { tavus } = setup();
    const persona = await tavus.personas.get(DEFAULT_PERSONA_ID);
    expect(persona).toMatchObject({ persona_name: 'Reflective Listener', pipeline_mode: 'full', default_replica_id: DEFAULT_REPLICA_ID });
    expect(persona.system_prompt).toMatch(/reflective listener/i);
    const replicas = await tavus.replicas.list({ replica_type: 'system' });
    expect(replicas.data.length).toBeGreaterThanOrEqual(3);
    for (const replica of replicas.data) {
      expect(replica).toMatchObject({ status: 'completed', training_progress: '100/100' });
      expect(replica.replica_id).toMatch(/^r[0-9a-f]{11}$/);
    }
  });

  it('makes Tavus-shaped ids for everything it creates', async () => {
    const { tavus } = setup();
    const ids = [
      (await tavus.personas.create({ system_prompt: 'x' })).persona_id,
      (await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID })).conversation_id,
      (await tavus.replicas.create({ train_video_url: 'https://example.com/v.mp4' })).replica_id,
      (await tavus.objectives.create({ data: [{ objective_name: 'a', objective_prompt: 'p' }] })).objectives_id,
      (await tavus.guardrails.create({ name: 'g', data: [{ guardrail_name: 'a', guardrail_prompt: 'p' }] })).guardrails_id,
      (await tavus.documents.create({ document_url: 'https://example.com/a.pdf' })).document_id,
    ];
    expect(ids.map((id) => id.replace(/[0-9a-f]{11}$/, '#'))).toEqual(['p#', 'c#', 'r#', 'o#', 'g#', 'd#']);
  });
});

describe('answers like Tavus', () => {
  it('word for word on the documented errors', async () => {
    const { raw, simulator } = setup();
    const noKey = await simulator.fetch('https://tavusapi.com/v2/personas');
    expect([noKey.status, await noKey.json()]).toEqual([401, { message: 'Invalid access token' }]);
    const badPersona = await raw('/v2/conversations', { method: 'POST', body: JSON.stringify({ persona_id: 'p000000000aa' }) });
    expect([badPersona.status, await badPersona.json()]).toEqual([400, { error: 'Invalid persona_id' }]);
    const badConversation = await raw('/v2/conversations/c000000000aa');
    expect([badConversation.status, await badConversation.json()]).toEqual([400, { error: 'Invalid conversation_id' }]);
    const noPersona = await raw('/v2/personas/p000000000aa');
    expect([noPersona.status, await noPersona.json()]).toEqual([400, { error: 'Invalid persona_id' }]);
    const noReplica = await raw('/v2/replicas/r000000000aa', { method: 'DELETE' });
    expect([noReplica.status, await noReplica.json()]).toEqual([400, { error: 'Invalid replica_id' }]);
    const noObjective = await raw('/v2/objectives/o000000000aa');
    expect([noObjective.status, await noObjective.json()]).toEqual([404, { error: 'Objective not found' }]);
    const noDocument = await raw('/v2/documents/d000000000aa');
    expect([noDocument.status, await noDocument.json()]).toEqual([404, { message: 'Document not found' }]);
    const badPatch = await raw(`/v2/personas/${DEFAULT_PERSONA_ID}`, { method: 'PATCH', body: JSON.stringify({ op: 'replace' }) });
    expect([badPatch.status, await badPatch.json()]).toEqual([422, { message: 'Invalid JSON patch format' }]);
    const samePatch = await raw(`/v2/personas/${DEFAULT_PERSONA_ID}`, {
      method: 'PATCH',
      body: JSON.stringify([{ op: 'replace', path: '/persona_name', value: 'Reflective Listener' }]),
    });
    expect([samePatch.status, await samePatch.text()]).toEqual([304, '']);
  });

  it('accepts any key or a bearer token by default, only the configured key when one is set', async () => {
    const open = setup();
    const bearer = await open.simulator.fetch('https://x.supabase.co/functions/v1/tavus/v2/personas', {
      headers: { Authorization: 'Bearer t' },
    });
    expect(bearer.status).toBe(200);
    const strict = setup({ apiKey: 'right-key' });
    expect((await strict.raw('/v2/personas')).status).toBe(401);
    expect((await strict.raw('/v2/personas', { headers: { 'x-api-key': 'right-key' } })).status).toBe(200);
  });

  it('validates bodies with the client schemas, naming the field', async () => {
    const { raw } = setup();
    const response = await raw('/v2/conversations', {
      method: 'POST',
      body: JSON.stringify({ persona_id: DEFAULT_PERSONA_ID, properties: { enable_transcription: true } }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/enable_transcription does not exist/);
    expect((await raw('/v2/personas', { method: 'POST', body: '{not json' })).status).toBe(400);
  });

  it('answers objectives and guardrails in the shapes their docs pages show', async () => {
    const { raw } = setup();
    const post = (path: string, body: unknown) => raw(path, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    const created = await post('/v2/objectives', { data: [{ objective_name: 'greet', objective_prompt: 'Say hello.' }] });
    expect(created).toEqual({
      objectives_id: expect.stringMatching(/^o/),
      objective_name: 'greet',
      status: 'active',
      created_at: expect.any(String),
    });
    const listed = (await (await raw('/v2/objectives')).json()).data[0];
    expect(listed).toEqual({
      objectives_id: created.objectives_id,
      objective_name: 'greet',
      objective_prompt: 'Say hello.',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const got = await (await raw(`/v2/objectives/${created.objectives_id}`)).json();
    expect(got).toEqual({
      data: { objective_name: 'greet', objective_prompt: 'Say hello.', created_at: expect.any(String), updated_at: expect.any(String) },
    });

    const set = await post('/v2/guardrails', { name: 'Care', data: [{ guardrail_name: 'kind', guardrail_prompt: 'Be kind.' }] });
    expect(set).toMatchObject({ guardrails_id: expect.stringMatching(/^g/), guardrails_name: 'Care', status: 'active' });
    // Individual guardrails as the current docs show them (create-guardrails, get-guardrails and
    // list-guardrails pages, read 2026-12-02): the id is `uuid`, `app_message` defaults to true.
    const single = await post('/v2/guardrails', { guardrail_name: 'no_advice', guardrail_prompt: 'No medical advice.', tags: ['care'] });
    expect(single).toEqual({
      uuid: expect.stringMatching(/^g/),
      guardrail_name: 'no_advice',
      guardrail_prompt: 'No medical advice.',
      tags: ['care'],
      app_message: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    // legacy=true is the default and lists the sets only, with their id and dates
    const items = (await (await raw('/v2/guardrails')).json()).data;
    expect(items).toEqual([{ guardrails_id: set.guardrails_id, created_at: expect.any(String), updated_at: expect.any(String) }]);
    const individual = await (await raw('/v2/guardrails?legacy=false&page=0&limit=10')).json();
    expect(individual).toEqual({ data: [single], total_count: 1, page: 0, limit: 10 });
    expect(await (await raw(`/v2/guardrails/${single.uuid}`)).json()).toEqual(single);
    expect((await (await raw(`/v2/guardrails/${set.guardrails_id}`)).json()).data).toMatchObject({ guardrail_name: 'kind', name: 'Care' });
    const persona = await post('/v2/personas', { system_prompt: 'x', guardrail_ids: [single.uuid, 'g000000000aa'] });
    expect(persona).toEqual({ error: 'Invalid guardrail_ids' });
  });

  it('lists documents from page 0 with page and limit echoed', async () => {
    const { raw, tavus } = setup();
    for (const n of [1, 2, 3]) await tavus.documents.create({ document_url: `https://example.com/${n}.pdf`, tags: n === 2 ? ['two'] : [] });
    const body = await (await raw('/v2/documents?limit=2&page=0')).json();
    expect(body).toMatchObject({ total_count: 3, page: 0, limit: 2 });
    // documented: sort is ascending (the default) or descending
    expect(body.data.map((d: { document_name: string }) => d.document_name)).toEqual(['1.pdf', '2.pdf']);
    const newest = await (await raw('/v2/documents?limit=2&page=0&sort=descending')).json();
    expect(newest.data.map((d: { document_name: string }) => d.document_name)).toEqual(['3.pdf', '2.pdf']);
    const tagged = await (await raw('/v2/documents?tags=two')).json();
    expect(tagged.data.map((d: { document_name: string }) => d.document_name)).toEqual(['2.pdf']);
  });
});

describe('a private room', () => {
  it('issues a meeting_token with require_auth, and its room admits only with that token', async () => {
    const { simulator, tavus, advance } = setup();
    const room = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, require_auth: true });
    expect(room.meeting_token).toMatch(/^[0-9a-f]{40}$/);
    expect((await tavus.conversations.get(room.conversation_id)).meeting_token).toBe(room.meeting_token);
    const kept = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, require_auth: true });
    expect(kept.meeting_token).not.toBe(room.meeting_token);
    expect(simulator.room.joined(room.conversation_id)).toBe(false);
    expect(simulator.room.joined(room.conversation_id, 'f'.repeat(40))).toBe(false);
    expect(simulator.room.joined(room.conversation_id, kept.meeting_token!)).toBe(false); // another room's
    expect(simulator.room.joined(kept.conversation_id, kept.meeting_token!)).toBe(true);
    // nobody got into the first: it closes for absence, as a room nobody joined; the other stays open
    advance(300_000);
    const shutdown = (await tavus.conversations.get(room.conversation_id, { verbose: true })).events?.find(
      (e) => e.event_type === 'system.shutdown',
    );
    expect(shutdown?.properties).toEqual({ shutdown_reason: 'participant_absent_timeout reached' });
    expect((await tavus.conversations.get(kept.conversation_id)).status).toBe('active');

    const open = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    expect(open.meeting_token).toBeUndefined();
    expect(simulator.room.joined(open.conversation_id)).toBe(true);
  });
});

describe('memory stores', () => {
  it("greets with what the user said last time in the same store, and nothing of another store's", async () => {
    const { simulator, tavus } = setup({ maxConcurrentConversations: 10 });
    const talk = async (stores: string[] | undefined, said?: string) => {
      const created = await tavus.conversations.create({
        persona_id: DEFAULT_PERSONA_ID,
        custom_greeting: 'Welcome. How are you today?',
        ...(stores ? { memory_stores: stores } : {}),
      });
      if (said) simulator.room.said(created.conversation_id, 'user', said);
      return created.conversation_id;
    };
    await talk(['anna_p1_g1'], 'My sister moved away.');
    await talk(['ben_p1_g1'], 'Work is too much.');
    const again = await talk(['anna_p1_g1']);
    expect(simulator.room.greeting(again)).toBe('Welcome back. Last time you told me: "My sister moved away.". How are you today?');
    // a new store (memory turned off and on again), or none, remembers nothing
    expect(simulator.room.greeting(await talk(['anna_p1_g2']))).toBe('Welcome. How are you today?');
    expect(simulator.room.greeting(await talk(undefined))).toBe('Welcome. How are you today?');
    // the latest earlier conversation of the store is the one remembered
    await talk(['anna_p1_g1'], 'I called her yesterday.');
    expect(simulator.room.greeting(await talk(['anna_p1_g1']))).toContain('"I called her yesterday."');
  });
});

describe('over time', () => {
  it("closes a room nobody joined at participant_absent_timeout, and an emptied one at participant_left_timeout, with Tavus's reasons", async () => {
    const { simulator, tavus, advance } = setup();
    const properties = { participant_absent_timeout: 120, participant_left_timeout: 60 };
    const start = (name: string) => tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, conversation_name: name, properties });
    const reason = async (id: string) =>
      (await tavus.conversations.get(id, { verbose: true })).events?.find((e) => e.event_type === 'system.shutdown')?.properties;
    const absent = await start('nobody came');
    const left = await start('came and went');
    simulator.room.joined(left.conversation_id);
    advance(119_000);
    expect((await tavus.conversations.get(absent.conversation_id)).status).toBe('active');
    advance(1_000);
    expect(await reason(absent.conversation_id)).toEqual({ shutdown_reason: 'participant_absent_timeout reached' });
    expect((await tavus.conversations.get(left.conversation_id)).status).toBe('active'); // joined: no absent timeout

    simulator.room.left(left.conversation_id);
    advance(30_000);
    simulator.room.joined(left.conversation_id); // back within the timeout (a reload)
    advance(60_000);
    expect((await tavus.conversations.get(left.conversation_id)).status).toBe('active');
    simulator.room.left(left.conversation_id);
    advance(60_000);
    const ended = await tavus.conversations.get(left.conversation_id, { verbose: true });
    expect(ended.status).toBe('ended');
    expect(ended.events?.at(-1)).toMatchObject({
      event_type: 'system.shutdown',
      properties: { shutdown_reason: 'participant_left_timeout reached' },
    });
  });

  it('records no invented shutdown reason for a test conversation', async () => {
    const { tavus } = setup();
    const test = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, test_mode: true });
    const got = await tavus.conversations.get(test.conversation_id, { verbose: true });
    expect(got.status).toBe('ended');
    expect(got.events ?? []).toEqual([]);
  });

  it('a conversation runs until ended, or until max_call_duration runs out', async () => {
    const { tavus, advance } = setup();
    const ended = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    const timed = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, properties: { max_call_duration: 120 } });
    const hour = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    advance(60_000);
    await tavus.conversations.end(ended.conversation_id);
    advance(59_000);
    expect((await tavus.conversations.get(timed.conversation_id)).status).toBe('active');
    advance(1_000);
    const late = await tavus.conversations.get(timed.conversation_id, { verbose: true });
    expect(late.status).toBe('ended');
    const shutdown = late.events?.find((e) => e.event_type === 'system.shutdown');
    expect(shutdown).toMatchObject({
      timestamp: new Date(START + 120_000).toISOString(),
      properties: { shutdown_reason: 'max_call_duration reached' },
    });
    const byEnd = await tavus.conversations.get(ended.conversation_id, { verbose: true });
    expect(byEnd.events?.at(-1)?.properties).toEqual({ shutdown_reason: 'end_conversation_endpoint_hit' });
    expect((await tavus.conversations.get(hour.conversation_id)).status).toBe('active');
    advance(3600_000);
    expect((await tavus.conversations.get(hour.conversation_id)).status).toBe('ended');
  });

  it('holds a concurrency slot per active conversation; ending one frees it; test mode takes none', async () => {
    const { tavus, advance } = setup({ maxConcurrentConversations: 2 });
    const first = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, properties: { max_call_duration: 30 } });
    const second = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    await expect(tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID })).rejects.toBeInstanceOf(ConcurrencyLimitError);
    const test = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, test_mode: true });
    expect(test.status).toBe('ended');
    await tavus.conversations.end(second.conversation_id);
    await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    await expect(tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID })).rejects.toBeInstanceOf(ConcurrencyLimitError);
    advance(30_000);
    expect((await tavus.conversations.get(first.conversation_id)).status).toBe('ended');
    await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    expect((await tavus.conversations.list({ status: 'active' })).totalCount).toBe(2);
  });

  it('a document is processed from started to ready, then can be recrawled once an hour', async () => {
    const { tavus, advance } = setup({ documentProcessingMs: 4000 });
    const doc = await tavus.documents.create({ document_url: 'https://example.com/', crawl: { depth: 2, max_pages: 10 } });
    expect(doc).toMatchObject({ status: 'started', progress: null });
    advance(2000);
    // documented as a string in create, list, get and patch answers
    expect(await tavus.documents.get(doc.document_id)).toMatchObject({ status: 'started', progress: '50' });
    advance(2000);
    expect(await tavus.documents.get(doc.document_id)).toMatchObject({ status: 'ready', progress: '100', crawl_count: 1 });
    const again = await tavus.documents.recrawl(doc.document_id);
    expect(again.status).toBe('recrawling');
    advance(4000);
    expect(await tavus.documents.get(doc.document_id)).toMatchObject({ status: 'ready', crawl_count: 2 });
    const tooSoon = await tavus.documents.recrawl(doc.document_id).catch((e: unknown) => e);
    expect(tooSoon).toBeInstanceOf(RateLimitError);
    expect((tooSoon as RateLimitError).retryAfterMs).toBe(3600_000 - 4000);
    advance(3600_000);
    expect((await tavus.documents.recrawl(doc.document_id, { crawl: { depth: 1, max_pages: 3 } })).crawl_config).toEqual({
      depth: 1,
      max_pages: 3,
    });
  });

  it('a document without crawl settings cannot be recrawled unless settings are given', async () => {
    const { tavus, advance } = setup();
    const doc = await tavus.documents.create({ document_url: 'https://example.com/file.pdf' });
    advance(10_000);
    await expect(tavus.documents.recrawl(doc.document_id)).rejects.toMatchObject({ status: 400 });
    expect((await tavus.documents.recrawl(doc.document_id, { crawl: { depth: 1, max_pages: 1 } })).status).toBe('recrawling');
  });

  it('a replica trains: progress rises to 100/100 and it completes; only then can it hold a call', async () => {
    const { tavus, advance } = setup({ replicaTrainingMs: 10_000 });
    const { replica_id } = await tavus.replicas.create({ replica_name: 'Me', train_video_url: 'https://example.com/t.mp4' });
    expect(await tavus.replicas.get(replica_id)).toMatchObject({ status: 'started', training_progress: '0/100' });
    await expect(tavus.conversations.create({ replica_id })).rejects.toMatchObject({ serverMessage: expect.stringMatching(/not ready/) });
    advance(2_500);
    expect((await tavus.replicas.get(replica_id)).training_progress).toBe('25/100');
    advance(7_500);
    expect(await tavus.replicas.get(replica_id)).toMatchObject({ status: 'completed', training_progress: '100/100' });
    expect((await tavus.conversations.create({ replica_id })).status).toBe('active');
  });
});

describe('persistence', () => {
  it("a second simulator on the same storage sees the first one's state, and time keeps running", async () => {
    const storage = memoryStorage();
    let time = START;
    const first = createTavusSimulator({ storage, now: () => time });
    const a = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch: first.fetch });
    const persona = await a.personas.create({ persona_name: 'Kept', system_prompt: 'x', default_replica_id: DEFAULT_REPLICA_ID });
    const call = await a.conversations.create({ persona_id: persona.persona_id, properties: { max_call_duration: 60 } });
    expect(storage.data.has(SIMULATOR_STORAGE_KEY)).toBe(true);

    const second = createTavusSimulator({ storage, now: () => time });
    const b = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch: second.fetch });
    expect((await b.personas.get(persona.persona_id)).persona_name).toBe('Kept');
    expect((await b.conversations.get(call.conversation_id)).status).toBe('active');
    time += 60_000;
    expect((await b.conversations.get(call.conversation_id)).status).toBe('ended');
    // Shared like two tabs: a change through one is seen by the other.
    await b.personas.delete(persona.persona_id);
    await expect(a.personas.get(persona.persona_id)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
      serverMessage: 'Invalid persona_id',
    });
  });

  it('unreadable stored state is replaced by the seeded account; reset seeds it again', async () => {
    const storage = memoryStorage();
    storage.setItem('custom-key', '{"version":99}');
    const simulator = createTavusSimulator({ storage, storageKey: 'custom-key' });
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch: simulator.fetch });
    expect((await tavus.personas.list()).totalCount).toBe(1);
    await tavus.personas.create({ system_prompt: 'x' });
    expect((await tavus.personas.list()).totalCount).toBe(2);
    simulator.faults.set({ status: 500 });
    simulator.reset();
    expect(simulator.faults.current).toBeUndefined();
    expect((await tavus.personas.list()).totalCount).toBe(1);
    expect(JSON.parse(storage.getItem('custom-key')!).version).toBe(1);
  });

  it('memory by default: separate simulators do not share', async () => {
    const one = setup();
    const two = setup();
    await one.tavus.personas.create({ system_prompt: 'x' });
    expect((await two.tavus.personas.list()).totalCount).toBe(1);
  });
});

describe('faults', () => {
  it('answers with Tavus bodies for the status, a given number of times, on matching paths only', async () => {
    const { simulator, raw } = setup();
    simulator.faults.set({ status: 402, times: 2, match: '/v2/conversations' });
    expect((await raw('/v2/personas')).status).toBe(200);
    const first = await raw('/v2/conversations', { method: 'POST', body: '{}' });
    expect(first.status).toBe(402);
    expect((await first.json()).message).toMatch(/out of conversational credits/);
    expect(simulator.faults.current).toMatchObject({ status: 402, times: 1 });
    expect((await raw('/v2/conversations')).status).toBe(402);
    expect((await raw('/v2/conversations')).status).toBe(200);
    expect(simulator.faults.current).toBeUndefined();
  });

  it('429 carries Retry-After; 503, 500, 401 and concurrency answer their documented bodies', async () => {
    const { simulator, raw } = setup();
    const cases = [
      [429, 429, { message: expect.stringMatching(/too many/i) }],
      [503, 503, { message: expect.any(String) }],
      [500, 500, { message: expect.any(String) }],
      [401, 401, { message: 'Invalid access token' }],
      ['concurrency', 400, { message: 'User has reached maximum concurrent conversations' }],
    ] as const;
    for (const [status, code, body] of cases) {
      simulator.faults.set({ status, times: 1, retryAfterSeconds: 2 });
      const response = await raw('/v2/personas');
      expect(response.status).toBe(code);
      expect(await response.json()).toEqual(body);
      if (status === 429) expect(response.headers.get('retry-after')).toBe('2');
    }
  });

  it('network faults reject like an offline fetch; latency delays and honours aborts; clear() ends it', async () => {
    const { simulator, raw } = setup();
    simulator.faults.set({ status: 'network' });
    await expect(raw('/v2/personas')).rejects.toThrow(TypeError);
    simulator.faults.set({ latencyMs: 40 });
    const started = performance.now();
    expect((await raw('/v2/personas')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await expect(raw('/v2/personas', { signal: AbortSignal.timeout(5) })).rejects.toMatchObject({ name: 'TimeoutError' });
    simulator.faults.clear();
    expect((await raw('/v2/personas')).status).toBe(200);
  });

  it('refuses a fault it cannot play', () => {
    const { simulator } = setup();
    expect(() => simulator.faults.set({ status: 418 as never })).toThrow(/Invalid simulator fault/);
    expect(() => simulator.faults.set({ times: 0 })).toThrow(/times/);
  });
});
