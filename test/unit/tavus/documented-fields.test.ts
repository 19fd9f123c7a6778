import { createTavusClient, documentListParamsSchema, documentSchema, conversationCreateSchema, conversationSchema, replicaCreateSchema } from '@/lib/tavus';

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
