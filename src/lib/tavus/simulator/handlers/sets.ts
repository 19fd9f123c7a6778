import type { z } from 'zod';
import { deepEqual, jsonPatchSchema } from '../../json-patch.ts';
import { guardrailsCreateSchema } from '../../resources/guardrails.schema.ts';
import { objectivesCreateSchema } from '../../resources/objectives.schema.ts';
import { summarizeIssues } from '../../schemas/common.ts';
import { applyJsonPatch, PatchError } from '../apply-patch.ts';
import { TAVUS_BODIES, badRequest, empty, json } from '../http.ts';
import { stamps } from '../lifecycle.ts';
import { insert, newId, newestFirst, type Entity, type Kind } from '../state.ts';
import { paging, parseBody, slice, type Handler } from './context.ts';

/** Objectives and guardrails: named sets of rules, patched as `{ name?, data: [...] }`. */
function setHandler(kind: Extract<Kind, 'objectives' | 'guardrails'>, prefix: 'o' | 'g', idField: string,
  schema: z.ZodType<Record<string, unknown>>, notFoundBody: Record<string, string>): Handler {
  const view = (id: string, entity: Entity) => ({ [idField]: id, ...entity.value, ...stamps(entity) });
  return (req, { state, now }) => {
    const table = state.tables[kind];
    const [id, extra] = req.segments;
    if (extra !== undefined) return json(404, { message: 'Not found' });
    if (id === undefined && req.method === 'POST') {
      const parsed = parseBody(schema, req.body);
      if ('response' in parsed) return parsed.response;
      const newIdValue = newId(prefix);
      return json(200, view(newIdValue, insert(state, kind, newIdValue, now, parsed.data)));
    }
    if (id === undefined && req.method === 'GET') {
      const page = paging(req.query, 1);
      if ('response' in page) return page.response;
      const all = newestFirst(table);
      return json(200, { data: slice(all, page.limit, page.page - 1).map(([eid, e]) => view(eid, e)), total_count: all.length });
    }
    if (id === undefined) return json(405, { message: 'Method not allowed' });

    const entity = table[id];
    if (!entity) return json(404, notFoundBody);
    if (req.method === 'GET') return json(200, { data: view(id, entity) });
    if (req.method === 'DELETE') {
      delete table[id];
      return empty(204);
    }
    if (req.method !== 'PATCH') return json(405, { message: 'Method not allowed' });
    const ops = jsonPatchSchema.safeParse(req.body);
    if (!ops.success) return json(422, TAVUS_BODIES.invalidPatch);
    let next: unknown;
    try {
      next = applyJsonPatch(entity.value, ops.data);
    } catch (error) {
      if (error instanceof PatchError) return json(422, TAVUS_BODIES.invalidPatch);
      throw error;
    }
    const checked = schema.safeParse(next);
    if (!checked.success) return badRequest(summarizeIssues(checked.error));
    if (deepEqual(entity.value, checked.data)) return empty(304);
    entity.value = checked.data;
    entity.updatedMs = now;
    return json(200, { data: view(id, entity) });
  };
}

export const objectives = setHandler('objectives', 'o', 'objectives_id', objectivesCreateSchema, { error: 'Objective not found' });
export const guardrails = setHandler('guardrails', 'g', 'guardrails_id', guardrailsCreateSchema, { error: 'Guardrails not found' });
