import type { Transport } from '../transport.ts';
import {
  objectivesCreateSchema,
  objectivesListParamsSchema,
  objectivesSchema,
  type Objectives,
  type ObjectivesCreate,
} from './objectives.schema.ts';
import { patchableResource, type PatchableResource } from './patchable.ts';

export type ObjectivesResource = PatchableResource<Objectives, ObjectivesCreate>;

export function objectivesResource(request: Transport): ObjectivesResource {
  return patchableResource<Objectives, ObjectivesCreate>(request, {
    collection: 'objectives',
    idName: 'objectives_id',
    item: objectivesSchema,
    createSchema: objectivesCreateSchema,
    listParamsSchema: objectivesListParamsSchema,
  });
}
