import type { Transport } from '../transport.ts';
import {
  guardrailsCreateSchema,
  guardrailsListParamsSchema,
  guardrailsSchema,
  type Guardrails,
  type GuardrailsCreate,
} from './guardrails.schema.ts';
import { patchableResource, type PatchableResource } from './patchable.ts';

export type GuardrailsResource = PatchableResource<Guardrails, GuardrailsCreate>;

export function guardrailsResource(request: Transport): GuardrailsResource {
  return patchableResource<Guardrails, GuardrailsCreate>(request, {
    collection: 'guardrails',
    idName: 'guardrails_id',
    item: guardrailsSchema,
    createSchema: guardrailsCreateSchema,
    listParamsSchema: guardrailsListParamsSchema,
  });
}
