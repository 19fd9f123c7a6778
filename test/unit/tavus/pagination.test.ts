import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError, createTavusClient } from '@/lib/tavus';

/** A server holding `total` replicas, answering pages like Tavus and counting requests. */
function server(total: number, options: { zeroBased?: boolean; omitTotal?: boolean } = {}) {
  const requests: URL[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requests.push(url);
    const limit = Number(url.searchParams.get('limit'));
    const page = Number(url.searchParams.get('page'));
    const index = options.zeroBased ? page : page - 1;
    const ids = Array.from({ length: total }, (_, i) => i).slice(index * limit, index * limit + limit);
    const data = ids.map((i) => (url.pathname.endsWith('documents') ? { document_id: `d${i}` } : { replica_id: `r${i}` }));
    return new Response(JSON.stringify(options.omitTotal ? { data } : { data, total_count: total }));
  }) as typeof globalThis.fetch;
  const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch });
  return { tavus, requests };
}

describe('pagination', () => {
  it('awaiting a list gives the first page with its counts', async () => {
    const { tavus, requests } = server(25);
    const page = await tavus.replicas.list({ limit: 10 });
    expect(page).toMatchObject({ totalCount: 25, page: 1, limit: 10 });
    expect(page.data.map((r) => r.replica_id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    expect(page.hasNextPage()).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.searchParams.get('page')).toBe('1');
  });

  it('for await walks every item across pages, fetching each page once and only when reached', async () => {
    const { tavus, requests } = server(25);
    const seen: string[] = [];
    for await (const replica of tavus.replicas.list({ limit: 10 })) {
      seen.push(replica.replica_id);
      if (seen.length === 10) expect(requests).toHaveLength(1);
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(requests.map((r) => r.searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('stopping early fetches no further page', async () => {
    const { tavus, requests } = server(100);
    for await (const replica of tavus.replicas.list({ limit: 10 })) {
      if (replica.replica_id === 'r3') break;
    }
    expect(requests).toHaveLength(1);
  });

  it('the same PagePromise is requested once however often it is awaited', async () => {
    const { tavus, requests } = server(5);
    const list = tavus.replicas.list();
    await list;
    await list;
    expect(requests).toHaveLength(1);
    expect(Object.prototype.toString.call(list)).toBe('[object PagePromise]');
  });

  it('getNextPage walks forward and refuses to go past the end', async () => {
    const { tavus } = server(15);
    const first = await tavus.replicas.list({ limit: 10 });
    const second = await first.getNextPage();
    expect(second.page).toBe(2);
    expect(second.data).toHaveLength(5);
    expect(second.hasNextPage()).toBe(false);
    await expect(second.getNextPage()).rejects.toThrow(/hasNextPage/);
  });

  it('starts from the requested page and sends filters on every page', async () => {
    const { tavus, requests } = server(30);
    const items = [];
    for await (const r of tavus.replicas.list({ limit: 10, page: 2, replica_type: 'user' })) items.push(r);
    expect(items).toHaveLength(20);
    expect(requests.map((r) => [r.searchParams.get('page'), r.searchParams.get('replica_type')])).toEqual([
      ['2', 'user'],
      ['3', 'user'],
    ]);
  });

  it('documents: 1-based for callers, 0-based on the wire', async () => {
    const { tavus, requests } = server(7, { zeroBased: true });
    const first = await tavus.documents.list({ limit: 3, tags: ['a', 'b'] });
    expect(first.page).toBe(1);
    expect(first.data.map((d) => d.document_id)).toEqual(['d0', 'd1', 'd2']);
    expect(requests[0]!.searchParams.get('page')).toBe('0');
    expect(requests[0]!.searchParams.get('tags')).toBe('a,b');
    const all = [];
    for await (const doc of tavus.documents.list({ limit: 3 })) all.push(doc.document_id);
    expect(all).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6']);
  });

  it('without total_count, a short page is the last one', async () => {
    const { tavus, requests } = server(12, { omitTotal: true });
    const all = [];
    for await (const r of tavus.replicas.list({ limit: 5 })) all.push(r);
    expect(all).toHaveLength(12);
    expect(requests).toHaveLength(3);
  });

  it('an empty page ends the walk even if total_count promises more', async () => {
    const fetch = (async () => new Response(JSON.stringify({ data: [], total_count: 50 }))) as typeof globalThis.fetch;
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch });
    const all = [];
    for await (const r of tavus.personas.list()) all.push(r);
    expect(all).toEqual([]);
  });

  it('bad list params reject without a request; a bad item rejects the page', async () => {
    const { tavus, requests } = server(5);
    await expect(tavus.replicas.list({ limit: 0 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(tavus.conversations.list({ status: 'paused' as never })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(requests).toHaveLength(0);
    const fetch = (async () =>
      new Response(JSON.stringify({ data: [{ replica_name: 'no id' }], total_count: 1 }))) as typeof globalThis.fetch;
    const broken = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch });
    await expect(broken.replicas.list()).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});
