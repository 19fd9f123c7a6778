import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthenticationError,
  ConcurrencyLimitError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  OutOfCreditsError,
  RateLimitError,
  ServerError,
  TavusError,
  TimeoutError,
  UnexpectedResponseError,
  createTavusClient,
  isUnknownId,
  type TavusClient,
  type TavusClientOptions,
} from '@/lib/tavus';

export type FaultKind = 401 | 402 | 429 | 500 | 503 | 'concurrency' | 'network' | 'malformed';

/** One server the client is checked against: the simulator, or documented answers through MSW. */
export interface ContractTarget {
  fetch: typeof fetch;
  baseUrl: string;
  /** How this target accepts a caller: an API key, or a bearer token (proxy mode). */
  credentials: Pick<TavusClientOptions, 'apiKey' | 'headers'>;
  /** The secret inside `credentials`, which must never show in an error. */
  secret: string;
  /** Fresh state, no faults. */
  reset(): void;
  fault(kind: FaultKind | 'latency', options?: { match?: string; times?: number; latencyMs?: number }): void;
}

export const DEFAULT_PERSONA_ID = 'p7e13c73f41f';
export const DEFAULT_REPLICA_ID = 'r4317e64d25a';

export function runContract(name: string, makeTarget: () => ContractTarget): void {
  describe(`Tavus client contract: ${name}`, () => {
    let target: ContractTarget;
    let calls: string[];
    let client: TavusClient;
    const clientWith = (overrides: Partial<TavusClientOptions> = {}) =>
      createTavusClient({
        baseUrl: target.baseUrl,
        ...target.credentials,
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
          const { pathname } = new URL(String(input));
          calls.push(`${init?.method ?? 'GET'} ${pathname.slice(pathname.indexOf('/v2/'))}`);
          return target.fetch(input, init);
        }) as typeof fetch,
        sleep: async () => {},
        ...overrides,
      });

    /** Awaits a failure and checks it is that class and keeps the secret out of every view of it. */
    async function failure<E extends TavusError>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(type);
      const views = [String(error), JSON.stringify(error), inspect(error, { depth: 5 }), inspect((error as Error).cause)];
      for (const view of views) expect(view).not.toContain(target.secret);
      return error as E;
    }

    beforeEach(() => {
      target = makeTarget();
      target.reset();
      calls = [];
      client = clientWith();
    });

    describe('personas', () => {
      it('gets the default persona, whether Tavus answers it flat or wrapped in data', async () => {
        const persona = await client.personas.get(DEFAULT_PERSONA_ID);
        expect(persona.persona_id).toBe(DEFAULT_PERSONA_ID);
        expect(persona.persona_name).toBeTruthy();
        expect(persona.default_replica_id).toBe(DEFAULT_REPLICA_ID);
        expect(persona.pipeline_mode).toBe('full');
        expect(typeof persona.layers?.llm?.model).toBe('string');
      });

      it('creates a persona with every layer and reads the layers back, unknown fields kept', async () => {
        const created = await client.personas.create({
          persona_name: 'Evening Review',
          system_prompt: 'Help the person review their day.',
          pipeline_mode: 'full',
          default_replica_id: DEFAULT_REPLICA_ID,
          layers: {
            llm: { model: 'tavus-gpt-4o-mini', speculative_inference: true, future_llm_flag: 'kept' },
            tts: { tts_engine: 'cartesia', voice_settings: { speed: 0.5, emotion: ['curiosity'] } },
            stt: { stt_engine: 'tavus-advanced', participant_pause_sensitivity: 'high' },
            conversational_flow: { turn_detection_model: 'sparrow-1', replica_interruptibility: 'low' },
            perception: { perception_model: 'raven-1', perception_analysis_queries: ['Did they seem calmer?'] },
          },
        });
        expect(created.persona_id).toMatch(/^p[0-9a-f]{11}$/);
        const persona = await client.personas.get(created.persona_id);
        expect(persona.persona_name).toBe('Evening Review');
        expect(persona.default_replica_id).toBe(DEFAULT_REPLICA_ID);
        expect(persona.layers?.llm?.model).toBe('tavus-gpt-4o-mini');
        expect(persona.layers?.llm?.future_llm_flag).toBe('kept');
        expect(persona.layers?.tts?.voice_settings?.speed).toBe(0.5);
        expect(persona.layers?.conversational_flow?.turn_detection_model).toBe('sparrow-1');
        expect(persona.layers?.perception?.perception_model).toBe('raven-1');
      });

      it('refuses a full-pipeline persona without a system prompt before sending anything', async () => {
        const error = await failure(client.personas.create({ persona_name: 'No prompt' }), InvalidRequestError);
        expect(error.message).toContain('system_prompt');
        expect(error.status).toBeUndefined();
        expect(calls).toEqual([]);
      });

      it('lists one page when awaited, and every persona across pages when iterated', async () => {
        const ids = [];
        for (const n of [1, 2, 3]) ids.push((await client.personas.create({ persona_name: `P${n}`, system_prompt: 'x' })).persona_id);
        const first = await client.personas.list({ limit: 2 });
        expect(first.data).toHaveLength(2);
        expect(first.totalCount).toBe(4);
        expect(first.page).toBe(1);
        expect(first.hasNextPage()).toBe(true);
        const second = await first.getNextPage();
        expect(second.page).toBe(2);
        expect(second.hasNextPage()).toBe(false);
        const all: string[] = [];
        for await (const persona of client.personas.list({ limit: 2 })) all.push(persona.persona_id);
        expect(all.sort()).toEqual([...ids, DEFAULT_PERSONA_ID].sort());
      });

      it('patches a change, reports a no-op patch as unchanged, and refuses a patch that cannot apply', async () => {
        const changed = await client.personas.update(DEFAULT_PERSONA_ID, [
          { op: 'replace', path: '/persona_name', value: 'Quiet Listener' },
        ]);
        expect(changed.changed).toBe(true);
        expect((await client.personas.get(DEFAULT_PERSONA_ID)).persona_name).toBe('Quiet Listener');
        const same = await client.personas.update(DEFAULT_PERSONA_ID, [{ op: 'replace', path: '/persona_name', value: 'Quiet Listener' }]);
        expect(same).toEqual({ changed: false });
        const bad = await failure(
          client.personas.update(DEFAULT_PERSONA_ID, [{ op: 'replace', path: '/no_such_field', value: 1 }]),
          InvalidRequestError,
        );
        expect(bad.status).toBe(422);
        expect(bad.serverMessage).toBe('Invalid JSON patch format');
      });

      it('deletes a persona, after which Tavus answers the documented 400 Invalid persona_id', async () => {
        const { persona_id } = await client.personas.create({ persona_name: 'Temp', system_prompt: 'x' });
        await client.personas.delete(persona_id);
        const error = await failure(client.personas.get(persona_id), InvalidRequestError);
        expect(error.status).toBe(400);
        expect(error.serverMessage).toBe('Invalid persona_id');
        expect(error.path).toBe(`GET /v2/personas/${persona_id}`);
        expect(isUnknownId(error, 'persona_id')).toBe(true);
        const again = await failure(client.personas.delete(persona_id), InvalidRequestError);
        expect(isUnknownId(again, 'persona_id')).toBe(true);
        expect(isUnknownId(again, 'replica_id')).toBe(false);
      });
    });

    describe('conversations', () => {
      it('creates a Daily room, ends it with POST .../end (never DELETE), and ending again is harmless', async () => {
        const created = await client.conversations.create({
          persona_id: DEFAULT_PERSONA_ID,
          conversation_name: 'awaknow_reflect_alone_1',
          properties: { max_call_duration: 600, enable_closed_captions: true },
        });
        expect(created.conversation_id).toMatch(/^c/);
        expect(created.conversation_url).toMatch(/^https:\/\/tavus\.daily\.co\/c/);
        expect(created.status).toBe('active');
        expect((await client.conversations.get(created.conversation_id)).status).toBe('active');
        await client.conversations.end(created.conversation_id);
        expect(calls.at(-1)).toBe(`POST /v2/conversations/${created.conversation_id}/end`);
        const ended = await client.conversations.get(created.conversation_id, { verbose: true });
        expect(ended.status).toBe('ended');
        expect(ended.events?.find((e) => e.event_type === 'system.shutdown')?.properties?.shutdown_reason).toBeTruthy();
        await client.conversations.end(created.conversation_id);
        const endedList = await client.conversations.list({ status: 'ended' });
        expect(endedList.data.map((c) => c.conversation_id)).toContain(created.conversation_id);
        expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
      });

      it('gives a meeting token for a private room, and a test-mode conversation is ended at once', async () => {
        const privateRoom = await client.conversations.create({ persona_id: DEFAULT_PERSONA_ID, require_auth: true });
        expect(privateRoom.meeting_token).toEqual(expect.any(String));
        const test = await client.conversations.create({ persona_id: DEFAULT_PERSONA_ID, test_mode: true });
        expect(test.status).toBe('ended');
      });

      it('refuses enable_transcription (no such field) without a network call', async () => {
        const error = await failure(
          client.conversations.create({ persona_id: DEFAULT_PERSONA_ID, enable_transcription: true } as never),
          InvalidRequestError,
        );
        expect(error.message).toContain('enable_transcription');
        expect(error.message).toContain('enable_closed_captions');
        expect(calls).toEqual([]);
      });

      it('reports an unknown persona and an unknown conversation as Tavus words them', async () => {
        const persona = await failure(client.conversations.create({ persona_id: 'p000000000aa' }), InvalidRequestError);
        expect(persona.serverMessage).toBe('Invalid persona_id');
        expect(persona.message).toContain('persona_id exists');
        const conversation = await failure(client.conversations.end('c000000000aa'), InvalidRequestError);
        expect(conversation.serverMessage).toBe('Invalid conversation_id');
      });

      it('refuses a fourth concurrent conversation with the concurrency error, and deletes a record', async () => {
        const ids = [];
        for (let i = 0; i < 3; i++) ids.push((await client.conversations.create({ persona_id: DEFAULT_PERSONA_ID })).conversation_id);
        const error = await failure(client.conversations.create({ persona_id: DEFAULT_PERSONA_ID }), ConcurrencyLimitError);
        expect(error.code).toBe('concurrency_limit');
        expect(calls.filter((c) => c === 'POST /v2/conversations')).toHaveLength(4);
        await client.conversations.delete(ids[0]!);
        await failure(client.conversations.get(ids[0]!), InvalidRequestError);
      });
    });

    describe('replicas', () => {
      it('lists the stock replica, creates one that starts training, renames and deletes it', async () => {
        const replicas = await client.replicas.list();
        const stock = replicas.data.find((r) => r.replica_id === DEFAULT_REPLICA_ID);
        expect(stock?.status).toBe('completed');
        expect(stock?.training_progress).toBe('100/100');
        const created = await client.replicas.create({ replica_name: 'Me', train_video_url: 'https://example.com/train.mp4' });
        expect(created.replica_id).toMatch(/^r/);
        expect(created.status).toBe('started');
        await client.replicas.rename(created.replica_id, 'Me, renamed');
        expect(calls.at(-1)).toBe(`PATCH /v2/replicas/${created.replica_id}/name`);
        expect((await client.replicas.get(created.replica_id)).replica_name).toBe('Me, renamed');
        await client.replicas.delete(created.replica_id);
        const gone = await failure(client.replicas.get(created.replica_id), InvalidRequestError);
        expect([gone.status, gone.serverMessage]).toEqual([400, 'Invalid replica_id']);
      });
    });

    describe.each([
      {
        kind: 'objectives' as const,
        input: {
          data: [
            { objective_name: 'name_the_feeling', objective_prompt: 'Help them name one feeling.', confirmation_mode: 'auto' as const },
          ],
        },
        path: '/data/0/objective_prompt',
        notFound: 'Objective not found',
        name: ['objective_name', 'name_the_feeling'],
      },
      {
        kind: 'guardrails' as const,
        input: {
          name: 'Safety',
          data: [{ guardrail_name: 'no_diagnosis', guardrail_prompt: 'Never diagnose.', modality: 'verbal' as const }],
        },
        path: '/data/0/guardrail_prompt',
        notFound: 'Guardrails not found',
        name: ['guardrails_name', 'Safety'],
      },
    ])('$kind', ({ kind, input, path, notFound, name }) => {
      it('creates, gets (unwrapping data), lists, patches, and deletes', async () => {
        const resource = client[kind] as TavusClient['objectives'];
        const idField = `${kind}_id` as 'objectives_id';
        const created = await resource.create(input as never);
        const id = created[idField];
        expect(id).toMatch(new RegExp(`^${kind[0]}`));
        expect((created as Record<string, unknown>)[name[0]!]).toBe(name[1]); // documented create answer
        const got = await resource.get(id);
        expect(got[idField]).toBe(id);
        expect(got.data).toHaveLength(1);
        expect((await resource.list()).data.map((x) => x[idField])).toContain(id);
        expect((await resource.update(id, [{ op: 'replace', path, value: 'Be brief.' }])).changed).toBe(true);
        expect(await resource.update(id, [{ op: 'replace', path, value: 'Be brief.' }])).toEqual({ changed: false });
        expect(JSON.stringify((await resource.get(id)).data)).toContain('Be brief.');
        await resource.delete(id);
        const error = await failure(resource.get(id), NotFoundError);
        expect(error.serverMessage).toBe(notFound);
      });
    });

    describe('documents', () => {
      it('creates, renames and retags, deletes, and reads "Document not found" from message', async () => {
        const doc = await client.documents.create({ document_url: 'https://example.com/guide.pdf', document_name: 'Guide', tags: ['a'] });
        expect(doc.document_id).toMatch(/^d/);
        expect(doc.status).toBe('started');
        const updated = await client.documents.update(doc.document_id, { document_name: 'Guide v2', tags: ['b'] });
        expect(updated.document_name).toBe('Guide v2');
        expect(updated.tags).toEqual(['b']);
        expect((await client.documents.get(doc.document_id)).document_name).toBe('Guide v2');
        await client.documents.delete(doc.document_id);
        const error = await failure(client.documents.get(doc.document_id), NotFoundError);
        expect(error.serverMessage).toBe('Document not found');
      });

      it('pages documents from 1 for callers although Tavus counts from 0', async () => {
        const ids = [];
        for (const n of [1, 2, 3]) ids.push((await client.documents.create({ document_url: `https://example.com/${n}.txt` })).document_id);
        const second = await client.documents.list({ limit: 1, page: 2 });
        expect(second.page).toBe(2);
        expect(second.totalCount).toBe(3);
        expect(second.data.map((d) => d.document_id)).toEqual([ids[1]]);
        const all: string[] = [];
        for await (const doc of client.documents.list({ limit: 2 })) all.push(doc.document_id);
        expect(all.sort()).toEqual([...ids].sort());
      });

      it('refuses to recrawl a document that is still processing (409)', async () => {
        const doc = await client.documents.create({ document_url: 'https://example.com/', crawl: { depth: 1, max_pages: 5 } });
        const error = await failure(client.documents.recrawl(doc.document_id), InvalidRequestError);
        expect(error.status).toBe(409);
        expect(calls.at(-1)).toBe(`POST /v2/documents/${doc.document_id}/recrawl`);
      });
    });

    describe('errors', () => {
      it('401 without credentials: AuthenticationError with the documented message', async () => {
        const anonymous = clientWith({ apiKey: undefined, headers: undefined });
        const error = await failure(anonymous.personas.get(DEFAULT_PERSONA_ID), AuthenticationError);
        expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', serverMessage: 'Invalid access token' });
        expect(calls).toHaveLength(1);
      });

      it('402: OutOfCreditsError, never retried', async () => {
        target.fault(402);
        const error = await failure(client.conversations.create({ persona_id: DEFAULT_PERSONA_ID }), OutOfCreditsError);
        expect(error).toMatchObject({ status: 402, code: 'out_of_credits', path: 'POST /v2/conversations' });
        expect(error.message).toMatch(/credits/);
      });

      it('the concurrency answer is its own error', async () => {
        target.fault('concurrency');
        const error = await failure(client.conversations.create({ persona_id: DEFAULT_PERSONA_ID }), ConcurrencyLimitError);
        expect(error.status).toBe(400);
      });

      it('429 on a create: RateLimitError with Retry-After, not retried', async () => {
        target.fault(429);
        const error = await failure(client.personas.create({ persona_name: 'x', system_prompt: 'y' }), RateLimitError);
        expect(error.retryAfterMs).toBe(1000);
        expect(calls).toHaveLength(1);
      });

      it('429 then 500 on reads are retried until Tavus answers', async () => {
        target.fault(429, { times: 1 });
        expect((await client.personas.get(DEFAULT_PERSONA_ID)).persona_id).toBe(DEFAULT_PERSONA_ID);
        expect(calls).toHaveLength(2);
        target.fault(500, { times: 2 });
        expect((await client.replicas.list()).data.length).toBeGreaterThan(0);
        expect(calls).toHaveLength(5);
      });

      it('a lasting 503: ServerError after three attempts', async () => {
        target.fault(503);
        const error = await failure(client.personas.get(DEFAULT_PERSONA_ID), ServerError);
        expect(error).toMatchObject({ status: 503, code: 'server_error' });
        expect(calls).toHaveLength(3);
      });

      it('a failing network: ConnectionError; ending a conversation is retried through it', async () => {
        const { conversation_id } = await client.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
        target.fault('network', { times: 2 });
        await client.conversations.end(conversation_id);
        expect(calls.filter((c) => c.endsWith('/end'))).toHaveLength(3);
        expect((await client.conversations.get(conversation_id)).status).toBe('ended');
        target.fault('network');
        const error = await failure(client.personas.get(DEFAULT_PERSONA_ID), ConnectionError);
        expect(error.status).toBeUndefined();
      });

      it('a slow answer: TimeoutError; a caller abort: AbortedError, not retried', async () => {
        target.fault('latency', { latencyMs: 300 });
        const impatient = clientWith({ timeoutMs: 20, maxRetries: 0 });
        await failure(impatient.personas.get(DEFAULT_PERSONA_ID), TimeoutError);
        calls.length = 0;
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 10);
        await failure(client.personas.get(DEFAULT_PERSONA_ID, { signal: controller.signal }), AbortedError);
        expect(calls).toHaveLength(1);
      });

      it('a body that matches no schema: UnexpectedResponseError naming the field', async () => {
        target.fault('malformed', { match: '/v2/personas' });
        const error = await failure(client.personas.get(DEFAULT_PERSONA_ID), UnexpectedResponseError);
        expect(error.message).toContain('persona_id');
        expect(error.code).toBe('unexpected_response');
      });
    });
  });
}
