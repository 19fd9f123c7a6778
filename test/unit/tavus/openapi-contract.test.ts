import { createTavusClient } from '@/lib/tavus';
import { DEFAULT_PERSONA_ID, createTavusSimulator } from '@/lib/tavus/simulator';
import { everyOperation } from '../../contract/openapi/every-operation';
import {
  checkedFetch,
  documentedAnswer,
  loadTavusContract,
  type Exchange,
  type TavusContract,
} from '../../contract/openapi/tavus-contract';

// The simulator and the client held to Tavus's own published contract (test/contract/openapi), with
// a real OpenAPI validator, not checks of our own.

let contract: TavusContract;
beforeAll(async () => {
  contract = await loadTavusContract();
});

const operations = () =>
  contract
    .getOperations()
    .map((o) => o.operationId!)
    .sort();
const problems = (seen: Exchange[]) =>
  seen.filter((e) => e.violations.length).map((e) => `${e.operationId} ${e.status}: ${e.violations.join('; ')}`);

describe("Tavus's published contract", () => {
  it('is a valid OpenAPI document holding the operations the app uses', () => {
    expect(() => contract.validateDefinition()).not.toThrow();
    expect(operations()).toEqual([
      'createConversation',
      'createDocument',
      'createGuardrails',
      'createObjectives',
      'createPersona',
      'createReplica',
      'deleteConversation',
      'deleteDocument',
      'deleteGuardrails',
      'deleteObjective',
      'deletePersona',
      'deleteReplica',
      'endConversation',
      'getConversation',
      'getDocument',
      'getGuardrail',
      'getGuardrails',
      'getObjective',
      'getObjectives',
      'getPersona',
      'getReplica',
      'listConversations',
      'listDocuments',
      'listReplicas',
      'patchDocument',
      'patchGuardrails',
      'patchObjective',
      'patchPersona',
      'recrawlDocument',
      'renameReplica',
    ]);
  });

  it('catches what breaks it: an undocumented sort value, a number where a string is documented, an undocumented status', async () => {
    const seen: Exchange[] = [];
    const answering = (body: unknown, status = 200) => checkedFetch(contract, async () => Response.json(body, { status }), seen);
    await answering({ data: [{ document_id: 'd1', progress: 50 }], total_count: 1, page: 0, limit: 10 })(
      'https://tavusapi.com/v2/documents?sort=asc',
    );
    await answering({ error: 'Persona not found' }, 404)('https://tavusapi.com/v2/personas/p1', { method: 'DELETE' });
    expect(problems(seen)).toEqual([
      expect.stringMatching(
        /^listDocuments 200: request .*sort.* must be equal to one of the allowed values; response \/data\/0\/progress must be string/,
      ),
      'deletePersona 404: status 404 is not documented (204, 400, 401)',
    ]);
  });

  it('the simulator answers every vendored operation as documented, and the client asks as documented', async () => {
    const seen: Exchange[] = [];
    const simulator = createTavusSimulator({ documentProcessingMs: 0 }); // documents are ready at once, so one can be recrawled
    const tavus = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: 'k',
      fetch: checkedFetch(contract, simulator.fetch, seen),
      sleep: async () => {},
    });
    await everyOperation(tavus);
    expect(problems(seen)).toEqual([]);
    expect([...new Set(seen.map((e) => e.operationId))].sort()).toEqual(operations());
    expect(
      seen
        .filter((e) => e.status >= 400)
        .map((e) => `${e.operationId} ${e.status}`)
        .sort(),
    ).toEqual([
      'deleteConversation 400',
      'deleteGuardrails 404',
      'deletePersona 400',
      'deleteReplica 400',
      'getDocument 404',
      'getObjective 404',
      'getPersona 400',
      'getReplica 400',
      'patchObjective 400',
      'recrawlDocument 429',
    ]);
  });

  it('asks for verbose conversation events as the page prose documents, though its OpenAPI block lists no such parameter', async () => {
    const seen: Exchange[] = [];
    const simulator = createTavusSimulator();
    const tavus = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: 'k',
      fetch: checkedFetch(contract, simulator.fetch, seen),
      sleep: async () => {},
    });
    const conversation = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    await tavus.conversations.end(conversation.conversation_id);
    const verbose = await tavus.conversations.get(conversation.conversation_id, { verbose: true });
    expect(verbose.events?.map((e) => e.event_type)).toEqual(['system.replica_joined', 'system.shutdown']);
    // The choice: follow the prose (`?verbose=true`); the block's only objection is that parameter.
    expect(problems(seen)).toEqual(['getConversation 200: request /query must NOT have additional properties']);
  });

  it("the client reads Tavus's documented example answers", async () => {
    const seen: Exchange[] = [];
    const examples = checkedFetch(
      contract,
      async (input, init) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        const operation = contract.matchOperation({ method: request.method, path: url.pathname, headers: {} });
        if (!operation?.operationId) return Response.json({ message: 'not in the vendored contract' }, { status: 501 });
        const success = Object.keys(operation.responses ?? {}).find((code) => code.startsWith('2'))!;
        return documentedAnswer(contract, operation.operationId, Number(success));
      },
      seen,
    );
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch: examples, sleep: async () => {} });
    const created = await tavus.objectives.create({ data: [{ objective_name: 'ask_if_new_patient', objective_prompt: 'Ask.' }] });
    expect(created).toMatchObject({ objectives_id: 'o12345', objective_name: 'New Objectives' });
    expect((await tavus.objectives.list()).data[0]).toMatchObject({
      objectives_id: 'o12345',
      data: [expect.objectContaining({ objective_name: 'ask_if_new_patient' })],
    });
    expect(await tavus.objectives.get('o12345')).toMatchObject({
      objectives_id: 'o12345',
      data: [expect.objectContaining({ next_required_objectives: ['get_patient_name'] })],
    });
    expect((await tavus.guardrails.list()).data[0]).toMatchObject({ guardrails_id: 'g12345' });
    expect(await tavus.guardrails.get('g12345')).toMatchObject({
      guardrails_id: 'g12345',
      data: [expect.objectContaining({ guardrail_name: 'healthcare_compliance_guardrail' })],
    });
    expect((await tavus.documents.list({ sort: 'ascending' })).data[0]).toMatchObject({
      document_id: 'd8-5c71baca86fc',
      progress: null,
      crawl_count: 1,
    });
    expect(await tavus.documents.get('d8-5c71baca86fc')).toMatchObject({
      document_name: 'Example Docs',
      crawled_urls: expect.arrayContaining(['https://docs.example.com/api']),
    });
    expect(await tavus.documents.update('d8-5c71baca86fc', { tags: ['docs'] })).toMatchObject({ document_id: 'd8-5c71baca86fc' });
    expect(
      await tavus.replicas.create({ train_video_url: 'https://example.com/t.mp4', properties: { background_green_screen: true } }),
    ).toEqual({ replica_id: 'r783537ef5', status: 'started' });
    await tavus.documents.delete('d8-5c71baca86fc');
    expect(await tavus.objectives.update('o12345', [{ op: 'replace', path: '/data/0/objective_prompt', value: 'Ask.' }])).toMatchObject({
      changed: true,
    });
    await tavus.objectives.delete('o12345');
    await tavus.guardrails.delete('g12345');
    expect(await tavus.replicas.get('r783537ef5', { verbose: true })).toMatchObject({
      replica_id: 'r783537ef5',
      training_progress: '100/100',
    });
    expect((await tavus.replicas.list({ replica_ids: ['r783537ef5'] })).data[0]).toMatchObject({
      replica_id: 'r783537ef5',
      status: 'completed',
    });
    await tavus.replicas.rename('r783537ef5', 'Rio');
    await tavus.replicas.delete('r783537ef5');
    await tavus.conversations.end('c123456');
    expect(await tavus.conversations.get('c123456')).toMatchObject({
      conversation_url: 'https://tavus.daily.co/c123456',
      status: 'active',
    });
    expect((await tavus.conversations.list({ status: 'active' })).data[0]).toMatchObject({
      conversation_id: 'c123456',
      persona_id: 'p5317866',
    });
    await tavus.personas.delete('pf3073f2dcc1');
    await tavus.conversations.delete('c123456', { hard: true });
    expect(problems(seen)).toEqual([]);
  });
});
