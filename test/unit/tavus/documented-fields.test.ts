import {
  createTavusClient,
  documentListParamsSchema,
  documentSchema,
  conversationCreateSchema,
  conversationSchema,
  personaCreateSchema,
  replicaCreateSchema,
} from '@/lib/tavus';

// Fields and values as docs.tavus.io documents them (api-reference pages, taken 2026-12-01).

function recording(answer: () => Response = () => new Response(null, { status: 204 })) {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    urls.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
    return answer();
  }) as typeof globalThis.fetch;
  return { urls, client: createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch }) };
}

describe('documented request and answer fields', () => {
  it('documents: sort is ascending|descending, progress may be a string', () => {
    expect(documentListParamsSchema.safeParse({ sort: 'ascending' }).success).toBe(true);
    expect(documentListParamsSchema.safeParse({ sort: 'descending' }).success).toBe(true);
    expect(documentListParamsSchema.safeParse({ sort: 'asc' }).success).toBe(false);
    expect(documentSchema.parse({ document_id: 'd1', progress: '50' }).progress).toBe('50');
    expect(documentSchema.parse({ document_id: 'd1', progress: 50 }).progress).toBe(50);
  });

  it('conversations: no objectives_id, guardrails_id or expires_at (those attach to personas)', () => {
    const create = conversationCreateSchema.safeParse({ replica_id: 'r1', objectives_id: 'o1' });
    expect(create.success).toBe(false);
    expect(conversationCreateSchema.safeParse({ replica_id: 'r1', guardrails_id: 'g1' }).success).toBe(false);
    expect(Object.keys(conversationSchema.shape)).not.toContain('expires_at');
  });

  it('conversations: delete with hard=true when asked', async () => {
    const { urls, client } = recording();
    await client.conversations.delete('c1');
    await client.conversations.delete('c2', { hard: true });
    expect(urls).toEqual(['DELETE /v2/conversations/c1', 'DELETE /v2/conversations/c2?hard=true']);
  });

  it('replicas: create takes the documented properties; list filters by replica_ids; get takes verbose', async () => {
    const create = { train_video_url: 'https://example.com/t.mp4', properties: { gaze_correction: true, background_green_screen: false } };
    expect(replicaCreateSchema.safeParse(create).success).toBe(true);
    expect(replicaCreateSchema.safeParse({ ...create, properties: { gaze_correction: 'yes' } }).success).toBe(false);
    const { urls, client } = recording(() => Response.json({ data: [], total_count: 0, replica_id: 'r1' }));
    await client.replicas.list({ replica_ids: ['r1', 'r2'] });
    await client.replicas.get('r1', { verbose: true });
    expect(urls[0]).toMatch(/^GET \/v2\/replicas\?.*replica_ids=r1%2Cr2/);
    expect(urls[1]).toBe('GET /v2/replicas/r1?verbose=true');
  });
});

// The documented examples of the objectives and guardrails pages (get-objectives-list,
// get-objectives, create-objectives, get-guardrails-list, get-guardrails, create-guardrails).
const OBJECTIVE = {
  objective_name: 'ask_if_new_patient',
  objective_prompt: 'Ask the patient if they are new or have been here before',
  confirmation_mode: 'auto',
  output_variables: ['patient_status'],
  modality: 'verbal',
  next_required_objectives: ['get_patient_name'],
  callback_url: 'https://your-server.com/webhook',
  created_at: '2024-01-15T10:30:00Z',
  updated_at: '2024-01-15T10:30:00Z',
};
const GUARDRAIL = {
  guardrail_name: 'healthcare_compliance_guardrail',
  guardrail_prompt: 'Never discuss competitor products',
  modality: 'verbal',
  callback_url: 'https://your-server.com/guardrails-webhook',
  created_at: '2024-01-15T10:30:00Z',
  updated_at: '2024-01-15T10:30:00Z',
};

describe('objectives and guardrails in their documented shapes', () => {
  const answering = (body: unknown) => recording(() => Response.json(body)).client;

  it('reads a documented objectives list item as a set of that one objective, named by it', async () => {
    const client = answering({ data: [{ objectives_id: 'o12345', ...OBJECTIVE }], total_count: 1 });
    const [item] = (await client.objectives.list()).data;
    expect(item).toMatchObject({
      objectives_id: 'o12345',
      objective_name: 'ask_if_new_patient',
      data: [expect.objectContaining({ objective_prompt: OBJECTIVE.objective_prompt, next_required_objectives: ['get_patient_name'] })],
    });
  });

  it('reads a documented get (no id inside data) with the id asked for', async () => {
    expect(await answering({ data: OBJECTIVE }).objectives.get('o12345')).toMatchObject({
      objectives_id: 'o12345',
      data: [expect.objectContaining({ objective_name: 'ask_if_new_patient' })],
    });
    expect(await answering({ data: GUARDRAIL }).guardrails.get('g12345')).toMatchObject({
      guardrails_id: 'g12345',
      data: [expect.objectContaining({ guardrail_name: 'healthcare_compliance_guardrail' })],
    });
  });

  it('reads the documented create answers with their names', async () => {
    const objectives = await answering({
      objectives_id: 'o12345',
      objective_name: 'New Objectives',
      status: 'active',
      created_at: '2024-01-15T10:30:00Z',
    }).objectives.create({ data: [{ objective_name: 'a', objective_prompt: 'b' }] });
    expect(objectives).toMatchObject({ objectives_id: 'o12345', objective_name: 'New Objectives' });
    const guardrails = await answering({
      guardrails_id: 'g12345',
      guardrails_name: 'Healthcare Compliance Guardrails',
      status: 'active',
      created_at: '2024-01-15T10:30:00Z',
    }).guardrails.create({ name: 'Healthcare Compliance Guardrails', data: [{ guardrail_name: 'x', guardrail_prompt: 'y' }] });
    expect(guardrails).toMatchObject({ guardrails_id: 'g12345', guardrails_name: 'Healthcare Compliance Guardrails' });
  });

  it('reads a documented guardrails list item (only the id and dates), and an older set with its name', async () => {
    const client = answering({
      data: [
        { guardrails_id: 'g1', created_at: GUARDRAIL.created_at, updated_at: GUARDRAIL.updated_at },
        { guardrails_id: 'g2', name: 'Old set', data: [GUARDRAIL] },
      ],
      total_count: 2,
    });
    const [bare, legacy] = (await client.guardrails.list()).data;
    expect(bare).toMatchObject({ guardrails_id: 'g1' });
    expect(bare!.data).toBeUndefined();
    expect(legacy).toMatchObject({
      guardrails_id: 'g2',
      guardrails_name: 'Old set',
      data: [expect.objectContaining({ guardrail_name: 'healthcare_compliance_guardrail' })],
    });
  });

  it('creates an individual guardrail and attaches guardrails to a persona by id or tag, as the current docs do', async () => {
    const { urls, client } = recording(() =>
      Response.json({ guardrails_id: 'g9', guardrails_name: 'no_advice', created_at: '2024-01-15T10:30:00Z' }),
    );
    await client.guardrails.create({ guardrail_name: 'no_advice', guardrail_prompt: 'Give no medical advice.', tags: ['health'] });
    expect(urls).toEqual(['POST /v2/guardrails']);
    expect(personaCreateSchema.safeParse({ system_prompt: 'x', guardrail_ids: ['g9'], guardrail_tags: ['health'] }).success).toBe(true);
    expect(personaCreateSchema.safeParse({ system_prompt: 'x', guardrail_ids: 'g9' }).success).toBe(false);
  });
});
