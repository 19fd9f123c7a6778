import { z } from 'zod';
import { jsonPatchSchema, type JsonPatchOperation } from '../json-patch.ts';
import type { PagePromise } from '../pagination.ts';
import type { ListParams, PatchResult } from '../schemas/common.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import { body, idPath, paginate, validate } from './shared.ts';

/** Objectives and guardrails share one shape: create, list, get (`{data: {...}}`), JSON Patch, delete. */
export interface PatchableResource<T, C> {
  create(input: C, options?: RequestOptions): Promise<T>;
  list(params?: ListParams, options?: RequestOptions): PagePromise<T>;
  get(id: string, options?: RequestOptions): Promise<T>;
  /** JSON Patch with paths such as `/data/0/objective_prompt`; `{ changed: false }` on 304. */
  update(id: string, patch: JsonPatchOperation[], options?: RequestOptions): Promise<PatchResult<T>>;
  delete(id: string, options?: RequestOptions): Promise<void>;
}

/**
 * A single item comes as `{ data: { ... } }`: unwrap it. The documented get answers carry no id
 * inside `data`, so the id asked for is added when it is missing.
 */
export function unwrapDataObject<S extends z.ZodType>(idField: string, item: S, id?: string) {
  return z.preprocess((value) => {
    let inner = value;
    if (value && typeof value === 'object' && !(idField in value)) {
      const data = (value as { data?: unknown }).data;
      if (data && typeof data === 'object' && !Array.isArray(data)) inner = data;
    }
    if (id !== undefined && inner && typeof inner === 'object' && !Array.isArray(inner) && !(idField in inner))
      return { ...inner, [idField]: id };
    return inner;
  }, item);
}

interface PatchableSpec<T> {
  collection: string;
  idName: string;
  item: z.ZodType<T>;
  createSchema: z.ZodType;
  listParamsSchema: z.ZodType;
}

export function patchableResource<T, C>(request: Transport, spec: PatchableSpec<T>): PatchableResource<T, C> {
  const root = `/v2/${spec.collection}`;
  const template = (method: string) => `${method} ${root}/{${spec.idName}}`;
  const single = unwrapDataObject(spec.idName, spec.item);
  const patchAnswer = z.union([single, z.unknown()]);
  return {
    async create(input, options) {
      const label = `POST ${root}`;
      const payload = validate(spec.createSchema, input, label);
      return body(await request({ method: 'POST', path: root, body: payload, schema: single }, options), label) as T;
    },
    list(params, options) {
      return paginate(request, { path: root, item: spec.item, paramsSchema: spec.listParamsSchema, params }, options);
    },
    async get(id, options) {
      const path = idPath(spec.collection, id, template('GET'));
      return body(
        await request({ method: 'GET', path, schema: unwrapDataObject(spec.idName, spec.item, id) }, options),
        `GET ${path}`,
      ) as T;
    },
    async update(id, patch, options) {
      const path = idPath(spec.collection, id, template('PATCH'));
      const ops = validate(jsonPatchSchema, patch, `PATCH ${path}`);
      const result = await request({ method: 'PATCH', path, body: ops, schema: patchAnswer, allowNotModified: true }, options);
      if (result.status === 304) return { changed: false };
      const parsed = unwrapDataObject(spec.idName, spec.item, id).safeParse(result.data);
      return { changed: true, data: parsed.success ? parsed.data : undefined };
    },
    async delete(id, options) {
      const path = idPath(spec.collection, id, template('DELETE'));
      await request({ method: 'DELETE', path }, options);
    },
  };
}
