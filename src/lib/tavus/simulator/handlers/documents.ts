import { documentCreateSchema, documentRecrawlSchema, documentUpdateSchema } from '../../resources/documents.schema.ts';
import { badRequest, empty, json } from '../http.ts';
import { percentDone, stamps } from '../lifecycle.ts';
import { compact, insert, newId, type Entity } from '../state.ts';
import { paging, parseBody, slice, type Handler } from './context.ts';

const RECRAWL_COOLDOWN_MS = 60 * 60 * 1000;

export function documentView(id: string, entity: Entity, now: number) {
  const working = entity.value.status === 'started' || entity.value.status === 'recrawling';
  return { document_id: id, ...entity.value, ...(working ? { progress: String(percentDone(entity, now)) } : {}), ...stamps(entity) };
}

const notFound = () => json(404, { message: 'Document not found' });

function nameFromUrl(url: string): string {
  const { hostname, pathname } = new URL(url);
  const last = pathname.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : hostname;
}

export const documents: Handler = (req, { state, now, settings }) => {
  const table = state.tables.documents;
  const [id, action, extra] = req.segments;
  if (extra !== undefined) return json(404, { message: 'Not found' });

  if (id === undefined && req.method === 'POST') {
    const parsed = parseBody(documentCreateSchema, req.body);
    if ('response' in parsed) return parsed.response;
    const { crawl, ...fields } = parsed.data;
    const documentId = newId('d');
    const entity = insert(
      state,
      'documents',
      documentId,
      now,
      {
        document_name: fields.document_name ?? nameFromUrl(fields.document_url),
        document_url: fields.document_url,
        status: 'started',
        progress: null,
        error_message: null,
        // documented as a string, never null: left out when none was given
        ...(fields.callback_url ? { callback_url: fields.callback_url } : {}),
        tags: fields.tags ?? [],
        crawl_config: crawl ?? null,
        crawled_urls: null,
        last_crawled_at: null,
        crawl_count: 0,
      },
      { startedMs: now, doneAtMs: now + settings.documentProcessingMs },
    );
    return json(200, { ...documentView(documentId, entity, now), progress: null });
  }
  if (id === undefined && req.method === 'GET') {
    // Unlike every other list, documents count pages from 0.
    const page = paging(req.query, 0);
    if ('response' in page) return page.response;
    const { query } = req;
    const tags = query.get('tags')?.split(',').filter(Boolean) ?? [];
    const search = query.get('name_or_uuid')?.toLowerCase();
    const all = Object.entries(table)
      // Documented default: ascending (oldest first).
      .sort(([, a], [, b]) => (query.get('sort') === 'descending' ? b.seq - a.seq : a.seq - b.seq))
      .filter(([, d]) => !query.get('status') || d.value.status === query.get('status'))
      .filter(([did, d]) => !search || did === search || String(d.value.document_name).toLowerCase().includes(search))
      .filter(([, d]) => !tags.length || tags.some((t) => (d.value.tags as string[]).includes(t)));
    const data = slice(all, page.limit, page.page).map(([did, d]) => documentView(did, d, now));
    return json(200, { data, total_count: all.length, page: page.page, limit: page.limit });
  }
  if (id === undefined) return json(405, { message: 'Method not allowed' });

  const entity = table[id];
  if (!entity) return notFound();
  if (action === 'recrawl' && req.method === 'POST') {
    const parsed = parseBody(documentRecrawlSchema, req.body ?? {});
    if ('response' in parsed) return parsed.response;
    if (entity.value.status !== 'ready' && entity.value.status !== 'error') {
      // recrawl-document: 409 and 429 carry `error`, unlike this resource's `message` 404
      return json(409, {
        error: `Document must be in 'ready' or 'error' state to recrawl, current status: ${String(entity.value.status)}`,
      });
    }
    if (!entity.value.crawl_config && !parsed.data.crawl) return badRequest('Document was not created with a crawl configuration');
    if (entity.lastRecrawlMs !== undefined && now - entity.lastRecrawlMs < RECRAWL_COOLDOWN_MS) {
      const wait = Math.ceil((entity.lastRecrawlMs + RECRAWL_COOLDOWN_MS - now) / 1000);
      return json(
        429,
        { error: `Recrawl cooldown: please wait ${Math.ceil(wait / 60)} minutes before recrawling this document.` },
        { 'retry-after': String(wait) },
      );
    }
    Object.assign(entity, { lastRecrawlMs: now, startedMs: now, doneAtMs: now + settings.documentProcessingMs, updatedMs: now });
    Object.assign(entity.value, {
      status: 'recrawling',
      progress: null,
      ...(parsed.data.crawl ? { crawl_config: parsed.data.crawl } : {}),
    });
    return json(202, { ...documentView(id, entity, now), progress: null });
  }
  if (action !== undefined) return json(404, { message: 'Not found' });
  if (req.method === 'GET') return json(200, documentView(id, entity, now));
  if (req.method === 'DELETE') {
    delete table[id];
    return empty(204);
  }
  if (req.method === 'PATCH') {
    const parsed = parseBody(documentUpdateSchema, req.body);
    if ('response' in parsed) return parsed.response;
    Object.assign(entity.value, compact(parsed.data));
    entity.updatedMs = now;
    return json(200, documentView(id, entity, now));
  }
  return json(405, { message: 'Method not allowed' });
};
