import type { PagePromise } from '../pagination.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import {
  replicaCreateSchema,
  replicaCreatedSchema,
  replicaGetParamsSchema,
  replicaListParamsSchema,
  replicaRenameSchema,
  replicaSchema,
  type Replica,
  type ReplicaCreate,
  type ReplicaCreated,
  type ReplicaGetParams,
  type ReplicaListParams,
} from './replicas.schema.ts';
import { body, idPath, paginate, validate } from './shared.ts';

export interface ReplicasResource {
  /** Starts training; poll `get` for `training_progress` and `status`. */
  create(replica: ReplicaCreate, options?: RequestOptions): Promise<ReplicaCreated>;
  list(params?: ReplicaListParams, options?: RequestOptions): PagePromise<Replica>;
  get(replicaId: string, params?: ReplicaGetParams, options?: RequestOptions): Promise<Replica>;
  rename(replicaId: string, replicaName: string, options?: RequestOptions): Promise<void>;
  delete(replicaId: string, options?: RequestOptions): Promise<void>;
}

export function replicasResource(request: Transport): ReplicasResource {
  return {
    async create(replica, options) {
      const label = 'POST /v2/replicas';
      const payload = validate(replicaCreateSchema, replica, label);
      return body(await request({ method: 'POST', path: '/v2/replicas', body: payload, schema: replicaCreatedSchema }, options), label);
    },
    list(params, options) {
      return paginate(
        request,
        {
          path: '/v2/replicas',
          item: replicaSchema,
          paramsSchema: replicaListParamsSchema,
          params,
          query: (p) => ({ verbose: p.verbose, replica_type: p.replica_type, replica_ids: p.replica_ids?.join(',') }),
        },
        options,
      );
    },
    async get(replicaId, params, options) {
      const path = idPath('replicas', replicaId, 'GET /v2/replicas/{replica_id}');
      const { verbose } = validate(replicaGetParamsSchema, params ?? {}, `GET ${path}`);
      return body(
        await request({ method: 'GET', path, query: { verbose: verbose ? true : undefined }, schema: replicaSchema }, options),
        `GET ${path}`,
      );
    },
    async rename(replicaId, replicaName, options) {
      const path = idPath('replicas', replicaId, 'PATCH /v2/replicas/{replica_id}/name', '/name');
      const payload = validate(replicaRenameSchema, { replica_name: replicaName }, `PATCH ${path}`);
      await request({ method: 'PATCH', path, body: payload }, options);
    },
    async delete(replicaId, options) {
      const path = idPath('replicas', replicaId, 'DELETE /v2/replicas/{replica_id}');
      await request({ method: 'DELETE', path }, options);
    },
  };
}
