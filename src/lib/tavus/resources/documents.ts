import type { PagePromise } from '../pagination.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import {
  documentCreateSchema,
  documentListParamsSchema,
  documentRecrawlSchema,
  documentSchema,
  documentUpdateSchema,
  type Document,
  type DocumentCreate,
  type DocumentListParams,
  type DocumentRecrawl,
  type DocumentUpdate,
} from './documents.schema.ts';
import { body, idPath, paginate, validate } from './shared.ts';

export interface DocumentsResource {
  /** Processing starts at once; poll `get` until `status` is `ready` (or `error`). */
  create(document: DocumentCreate, options?: RequestOptions): Promise<Document>;
  /** 1-based pages like every other list (Tavus counts document pages from 0; this hides it). */
  list(params?: DocumentListParams, options?: RequestOptions): PagePromise<Document>;
  get(documentId: string, options?: RequestOptions): Promise<Document>;
  update(documentId: string, changes: DocumentUpdate, options?: RequestOptions): Promise<Document>;
  delete(documentId: string, options?: RequestOptions): Promise<void>;
  /** Fetches a crawled website again. Tavus allows one recrawl per document per hour. */
  recrawl(documentId: string, params?: DocumentRecrawl, options?: RequestOptions): Promise<Document>;
}

export function documentsResource(request: Transport): DocumentsResource {
  return {
    async create(document, options) {
      const label = 'POST /v2/documents';
      const payload = validate(documentCreateSchema, document, label);
      return body(await request({ method: 'POST', path: '/v2/documents', body: payload, schema: documentSchema }, options), label);
    },
    list(params, options) {
      return paginate(
        request,
        {
          path: '/v2/documents',
          item: documentSchema,
          paramsSchema: documentListParamsSchema,
          params,
          query: (p) => ({ sort: p.sort, status: p.status, name_or_uuid: p.name_or_uuid, tags: p.tags?.join(',') }),
          zeroBasedPage: true,
        },
        options,
      );
    },
    async get(documentId, options) {
      const path = idPath('documents', documentId, 'GET /v2/documents/{document_id}');
      return body(await request({ method: 'GET', path, schema: documentSchema }, options), `GET ${path}`);
    },
    async update(documentId, changes, options) {
      const path = idPath('documents', documentId, 'PATCH /v2/documents/{document_id}');
      const payload = validate(documentUpdateSchema, changes, `PATCH ${path}`);
      return body(await request({ method: 'PATCH', path, body: payload, schema: documentSchema }, options), `PATCH ${path}`);
    },
    async delete(documentId, options) {
      const path = idPath('documents', documentId, 'DELETE /v2/documents/{document_id}');
      await request({ method: 'DELETE', path }, options);
    },
    async recrawl(documentId, params, options) {
      const path = idPath('documents', documentId, 'POST /v2/documents/{document_id}/recrawl', '/recrawl');
      const payload = validate(documentRecrawlSchema, params ?? {}, `POST ${path}`);
      const result = await request({ method: 'POST', path, body: payload.crawl ? payload : undefined, schema: documentSchema }, options);
      return body(result, `POST ${path}`);
    },
  };
}
