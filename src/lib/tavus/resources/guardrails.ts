import type { PagePromise } from '../pagination.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import {
  guardrailsCreateSchema,
  guardrailsListParamsSchema,
  guardrailsSchema,
  type Guardrails,
  type GuardrailsCreate,
  type GuardrailsListParams,
} from './guardrails.schema.ts';
import { patchableResource, type PatchableResource } from './patchable.ts';
import { paginate } from './shared.ts';

export interface GuardrailsResource extends Omit<PatchableResource<Guardrails, GuardrailsCreate>, 'list'> {
  /** Legacy sets by default, as Tavus lists them; `{ legacy: false }` lists individual guardrails. */
  list(params?: GuardrailsListParams, options?: RequestOptions): PagePromise<Guardrails>;
}

export function guardrailsResource(request: Transport): GuardrailsResource {
  const resource = patchableResource<Guardrails, GuardrailsCreate>(request, {
    collection: 'guardrails',
    idName: 'guardrails_id',
    item: guardrailsSchema,
    createSchema: guardrailsCreateSchema,
    listParamsSchema: guardrailsListParamsSchema,
  });
  return {
    ...resource,
    list(params, options) {
      return paginate(
        request,
        {
          path: '/v2/guardrails',
          item: guardrailsSchema,
          paramsSchema: guardrailsListParamsSchema,
          params,
          // list-guardrails: `legacy=false` for individual guardrails, whose pages count from 0
          query: (p) => ({ legacy: p.legacy === false ? false : undefined }),
          zeroBasedPage: (p) => p.legacy === false,
        },
        options,
      );
    },
  };
}
