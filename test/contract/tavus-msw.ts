import { HttpResponse, delay, http, type HttpResponseResolver } from 'msw';

/**
 * Tavus as its API reference and error table document it, written independently of the
 * simulator, with the reference's own quirks: a single persona answered wrapped in `data: [...]`,
 * document pages counted from 0, PATCH answering 200 with no body or 304 when nothing changed,
 * 402 as plain text, and the documented error bodies.
 */
export const MSW_BASE = 'https://tavusapi.com';
export const MSW_KEY = 'tvs_live_0123456789abcdef';
const DEFAULT_PERSONA = 'p7e13c73f41f';
const DEFAULT_REPLICA = 'r4317e64d25a';

export type MswFault = {
  kind: 401 | 402 | 429 | 500 | 503 | 'concurrency' | 'network' | 'malformed' | 'latency';
  match?: string;
  times?: number;
  latencyMs?: number;
};

type Row = Record<string, unknown>;
const hex = () => Math.random().toString(16).slice(2, 13).padEnd(11, '0');
const stamp = () => new Date().toISOString();

function freshStore() {
  return {
    personas: new Map<string, Row>([
      [
        DEFAULT_PERSONA,
        {
          persona_id: DEFAULT_PERSONA,
          persona_name: 'Reflective Listener',
          pipeline_mode: 'full',
          system_prompt: 'You are a reflective listener.',
          default_replica_id: DEFAULT_REPLICA,
          layers: { llm: { model: 'tavus-gpt-oss' }, tts: { tts_engine: 'cartesia', tts_emotion_control: 'false' } },
          created_at: stamp(),
          updated_at: stamp(),
        },
      ],
    ]),
    conversations: new Map<string, Row>(),
    replicas: new Map<string, Row>([
      [
        DEFAULT_REPLICA,
        {
          replica_id: DEFAULT_REPLICA,
          replica_name: 'Anna',
          training_progress: '100/100',
          status: 'completed',
          created_at: stamp(),
        },
      ],
    ]),
    objectives: new Map<string, Row>(),
    guardrails: new Map<string, Row>(),
    documents: new Map<string, Row>(),
  };
}

/** Newest first, 1-based unless said otherwise. */
function page(rows: Row[], url: URL, zeroBased = false) {
  const limit = Number(url.searchParams.get('limit') ?? 10);
  const p = Number(url.searchParams.get('page') ?? (zeroBased ? 0 : 1));
  const index = zeroBased ? p : p - 1;
  const data = [...rows].reverse().slice(index * limit, index * limit + limit);
  return zeroBased ? { data, total_count: rows.length, page: p, limit } : { data, total_count: rows.length };
}

/** Just enough RFC 6902 for the reference's examples: replace and add on existing paths. */
function patch(target: Row, ops: Array<{ op: string; path: string; value?: unknown }>): Row | 'invalid' {
  const copy = structuredClone(target);
  for (const op of ops) {
    const keys = op.path.split('/').slice(1);
    const last = keys.pop()!;
    let node: Record<string, unknown> = copy;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (!node || (op.op === 'replace' && !(last in node)) || !['replace', 'add'].includes(op.op)) return 'invalid';
    node[last] = op.value;
  }
  return copy;
}

export function createTavusMsw() {
  let store = freshStore();
  let fault: MswFault | undefined;

  async function faulted(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (!fault || (fault.match && !`${request.method} ${url.pathname}${url.search}`.includes(fault.match))) return undefined;
    const current = fault;
    if (current.times !== undefined && --current.times <= 0) fault = undefined;
    if (current.latencyMs) await delay(current.latencyMs);
    switch (current.kind) {
      case 401:
        return HttpResponse.json({ message: 'Invalid access token' }, { status: 401 });
      case 402:
        return new HttpResponse('Payment required: you are out of conversational credits', { status: 402 });
      case 429:
        return HttpResponse.json({ message: 'Too many requests' }, { status: 429, headers: { 'Retry-After': '1' } });
      case 500:
        return HttpResponse.json({ error: 'Internal Server Error' }, { status: 500 });
      case 503:
        return new HttpResponse('Service Unavailable', { status: 503 });
      case 'concurrency':
        return HttpResponse.json({ message: 'User has reached maximum concurrent conversations' }, { status: 400 });
      case 'network':
        return HttpResponse.error();
      case 'malformed':
        return HttpResponse.json({ persona_id: 42, data: 'x', total_count: 'lots', conversation_id: null });
      default:
        return undefined;
    }
  }

  const route =
    (resolver: (ctx: { request: Request; url: URL; id: string; body: unknown }) => Response | Promise<Response>): HttpResponseResolver =>
    async ({ request, params }) => {
      const early = await faulted(request);
      if (early) return early;
      if (request.headers.get('x-api-key') !== MSW_KEY) return HttpResponse.json({ message: 'Invalid access token' }, { status: 401 });
      const text = await request.text();
      return resolver({ request, url: new URL(request.url), id: String(params.id ?? ''), body: text ? JSON.parse(text) : undefined });
    };
  const v2 = (path: string) => `${MSW_BASE}/v2/${path}`;
  const noContent = () => new HttpResponse(null, { status: 204 });

  const handlers = [
    // Personas
    http.post(
      v2('personas'),
      route(({ body }) => {
        const id = `p${hex()}`;
        store.personas.set(id, { persona_id: id, pipeline_mode: 'full', ...(body as Row), created_at: stamp() });
        return HttpResponse.json({ persona_id: id, persona_name: (body as Row).persona_name, created_at: stamp() });
      }),
    ),
    http.get(
      v2('personas'),
      route(({ url }) => HttpResponse.json(page([...store.personas.values()], url))),
    ),
    http.get(
      v2('personas/:id'),
      route(({ id }) => {
        const persona = store.personas.get(id);
        // Documented (get-persona): an unknown id is 400 `Invalid persona_id`.
        return persona ? HttpResponse.json({ data: [persona] }) : HttpResponse.json({ error: 'Invalid persona_id' }, { status: 400 });
      }),
    ),
    http.patch(
      v2('personas/:id'),
      route(({ id, body }) => {
        const persona = store.personas.get(id);
        if (!persona) return HttpResponse.json({ error: 'Persona not found' }, { status: 404 });
        const next = patch(persona, body as never);
        if (next === 'invalid') return HttpResponse.json({ message: 'Invalid JSON patch format' }, { status: 422 });
        if (JSON.stringify(next) === JSON.stringify(persona)) return new HttpResponse(null, { status: 304 });
        store.personas.set(id, next);
        return new HttpResponse(null, { status: 200 });
      }),
    ),
    http.delete(
      v2('personas/:id'),
      route(({ id }) => (store.personas.delete(id) ? noContent() : HttpResponse.json({ error: 'Invalid persona_id' }, { status: 400 }))),
    ),

    // Conversations
    http.post(
      v2('conversations'),
      route(({ body }) => {
        const input = body as Row;
        if (input.persona_id && !store.personas.has(String(input.persona_id)))
          return HttpResponse.json({ error: 'Invalid persona_id' }, { status: 400 });
        const active = [...store.conversations.values()].filter((c) => c.status === 'active').length;
        if (!input.test_mode && active >= 3)
          return HttpResponse.json({ message: 'User has reached maximum concurrent conversations' }, { status: 400 });
        const id = `c${hex()}`;
        const conversation: Row = {
          conversation_id: id,
          conversation_name: input.conversation_name ?? 'New Conversation',
          conversation_url: `https://tavus.daily.co/${id}`,
          status: input.test_mode ? 'ended' : 'active',
          callback_url: input.callback_url ?? null,
          created_at: stamp(),
          ...(input.require_auth ? { meeting_token: 'eyJhbGciOiJIUzI1NiJ9.meeting' } : {}),
        };
        store.conversations.set(id, { ...conversation, persona_id: input.persona_id, replica_id: input.replica_id ?? DEFAULT_REPLICA });
        return HttpResponse.json(conversation);
      }),
    ),
    http.get(
      v2('conversations'),
      route(({ url }) => {
        const status = url.searchParams.get('status');
        return HttpResponse.json(
          page(
            [...store.conversations.values()].filter((c) => !status || c.status === status),
            url,
          ),
        );
      }),
    ),
    http.get(
      v2('conversations/:id'),
      route(({ id, url }) => {
        const c = store.conversations.get(id);
        if (!c) return HttpResponse.json({ error: 'Invalid conversation_id' }, { status: 400 });
        const events =
          c.status === 'ended'
            ? [
                {
                  event_type: 'system.shutdown',
                  message_type: 'system',
                  timestamp: stamp(),
                  properties: { shutdown_reason: 'end_conversation_endpoint_hit' },
                },
              ]
            : [];
        return HttpResponse.json(url.searchParams.get('verbose') === 'true' ? { ...c, events } : c);
      }),
    ),
    http.post(
      v2('conversations/:id/end'),
      route(({ id }) => {
        const c = store.conversations.get(id);
        if (!c) return HttpResponse.json({ error: 'Invalid conversation_id' }, { status: 400 });
        c.status = 'ended';
        return new HttpResponse(null, { status: 200 });
      }),
    ),
    http.delete(
      v2('conversations/:id'),
      route(({ id }) =>
        store.conversations.delete(id) ? noContent() : HttpResponse.json({ error: 'Invalid conversation_id' }, { status: 400 }),
      ),
    ),

    // Replicas
    http.post(
      v2('replicas'),
      route(({ body }) => {
        const id = `r${hex()}`;
        store.replicas.set(id, {
          replica_id: id,
          replica_name: (body as Row).replica_name,
          training_progress: '0/100',
          status: 'started',
          created_at: stamp(),
        });
        return HttpResponse.json({ replica_id: id, status: 'started' });
      }),
    ),
    http.get(
      v2('replicas'),
      route(({ url }) => HttpResponse.json(page([...store.replicas.values()], url))),
    ),
    http.get(
      v2('replicas/:id'),
      route(({ id }) => {
        const r = store.replicas.get(id);
        // Documented (get-replica): an unknown id is 400 `Invalid replica_id`.
        return r ? HttpResponse.json(r) : HttpResponse.json({ error: 'Invalid replica_id' }, { status: 400 });
      }),
    ),
    http.patch(
      v2('replicas/:id/name'),
      route(({ id, body }) => {
        const r = store.replicas.get(id);
        if (!r) return HttpResponse.json({ error: 'Replica not found' }, { status: 404 });
        r.replica_name = (body as Row).replica_name;
        return HttpResponse.json({ message: 'Replica name updated' });
      }),
    ),
    http.delete(
      v2('replicas/:id'),
      route(({ id }) =>
        store.replicas.delete(id)
          ? HttpResponse.json({ message: 'Replica deleted' })
          : HttpResponse.json({ error: 'Invalid replica_id' }, { status: 400 }),
      ),
    ),

    // Objectives and guardrails, as their docs pages show: create answers the id, the name and a
    // status; get answers `{data: {...}}` without the id.
    ...(['objectives', 'guardrails'] as const).flatMap((kind) => {
      const idField = `${kind}_id`;
      const missing = () =>
        HttpResponse.json({ error: kind === 'objectives' ? 'Objective not found' : 'Guardrails not found' }, { status: 404 });
      const named = (body: Row) =>
        kind === 'objectives'
          ? { objective_name: (body.data as Row[] | undefined)?.[0]?.objective_name }
          : { guardrails_name: body.name ?? body.guardrail_name };
      const withoutId = (row: Row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== idField));
      return [
        http.post(
          v2(kind),
          route(({ body }) => {
            const id = `${kind[0]}${hex()}`;
            store[kind].set(id, { [idField]: id, ...(body as Row), created_at: stamp() });
            return HttpResponse.json({ [idField]: id, ...named(body as Row), status: 'active', created_at: stamp() });
          }),
        ),
        http.get(
          v2(kind),
          route(({ url }) => HttpResponse.json(page([...store[kind].values()], url))),
        ),
        http.get(
          v2(`${kind}/:id`),
          route(({ id }) => {
            const row = store[kind].get(id);
            return row ? HttpResponse.json({ data: withoutId(row) }) : missing();
          }),
        ),
        http.patch(
          v2(`${kind}/:id`),
          route(({ id, body }) => {
            const row = store[kind].get(id);
            if (!row) return missing();
            const next = patch(row, body as never);
            if (next === 'invalid') return HttpResponse.json({ message: 'Invalid JSON patch format' }, { status: 422 });
            if (JSON.stringify(next) === JSON.stringify(row)) return new HttpResponse(null, { status: 304 });
            store[kind].set(id, next);
            return HttpResponse.json({ data: withoutId(next) });
          }),
        ),
        http.delete(
          v2(`${kind}/:id`),
          route(({ id }) => (store[kind].delete(id) ? noContent() : missing())),
        ),
      ];
    }),

    // Documents: pages from 0; not found answered in `message`.
    http.post(
      v2('documents'),
      route(({ body }) => {
        const id = `d${hex()}`;
        const input = body as Row;
        const doc = {
          document_id: id,
          document_name: input.document_name ?? 'document',
          document_url: input.document_url,
          status: 'started',
          progress: null,
          tags: input.tags ?? [],
          crawl_config: input.crawl ?? null,
          created_at: stamp(),
          updated_at: stamp(),
        };
        store.documents.set(id, doc);
        return HttpResponse.json(doc);
      }),
    ),
    http.get(
      v2('documents'),
      route(({ url }) => HttpResponse.json(page([...store.documents.values()], url, true))),
    ),
    http.get(
      v2('documents/:id'),
      route(({ id }) => {
        const d = store.documents.get(id);
        return d ? HttpResponse.json(d) : HttpResponse.json({ message: 'Document not found' }, { status: 404 });
      }),
    ),
    http.patch(
      v2('documents/:id'),
      route(({ id, body }) => {
        const d = store.documents.get(id);
        if (!d) return HttpResponse.json({ message: 'Document not found' }, { status: 404 });
        Object.assign(d, body as Row, { updated_at: stamp() });
        return HttpResponse.json(d);
      }),
    ),
    http.delete(
      v2('documents/:id'),
      route(({ id }) => (store.documents.delete(id) ? noContent() : HttpResponse.json({ message: 'Document not found' }, { status: 404 }))),
    ),
    http.post(
      v2('documents/:id/recrawl'),
      route(({ id }) => {
        const d = store.documents.get(id);
        if (!d) return HttpResponse.json({ message: 'Document not found' }, { status: 404 });
        if (d.status !== 'ready' && d.status !== 'error')
          return HttpResponse.json({ message: 'Document is not ready or in error' }, { status: 409 });
        Object.assign(d, { status: 'recrawling' });
        return HttpResponse.json(d, { status: 202 });
      }),
    ),
  ];

  return {
    handlers,
    setFault(next: MswFault) {
      fault = { ...next };
    },
    reset() {
      store = freshStore();
      fault = undefined;
    },
  };
}
