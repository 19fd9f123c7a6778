import type { z } from 'zod';
import { deepEqual, jsonPatchSchema } from '../../json-patch.ts';
import { guardrailsCreateSchema } from '../../resources/guardrails.schema.ts';
import { objectivesCreateSchema } from '../../resources/objectives.schema.ts';
import { summarizeIssues } from '../../schemas/common.ts';
import { applyJsonPatch, PatchError } from '../apply-patch.ts';
import { badRequest, empty, json } from '../http.ts';
import { stamps } from '../lifecycle.ts';
import { insert, newId, newestFirst, type Entity, type Kind } from '../state.ts';
import { paging, parseBody, slice, type Handler } from './context.ts';

type Row = Record<string, unknown>;

/** How each resource answers, in the shapes its docs pages show. */
interface Views {
  /** patch-objectives / patch-guardrails: 200 `{message}` */
  updated: string;
  created(id: string, entity: Entity): Row;
  listed(id: string, entity: Entity): Row;
  got(entity: Entity): Row;
}

/** The items of a stored value: a set keeps them in `data`, an individual guardrail is its own item. */
const itemsOf = (value: Row): Row[] => (Array.isArray(value.data) ? (value.data as Row[]) : [value]);
/** The first item's fields at the top level, as documented; a set of several also keeps `data`. */
const flat = (value: Row): Row => {
  const items = itemsOf(value);
  return { ...items[0], ...(items.length > 1 ? { data: items } : {}) };
};

const objectiveViews: Views = {
  updated: 'Objective updated successfully',
  // create-objectives: {objectives_id, objective_name, status, created_at}
  created: (id, e) => ({
    objectives_id: id,
    objective_name: itemsOf(e.value)[0]?.objective_name ?? null,
    status: 'active',
    created_at: stamps(e).created_at,
  }),
  // get-objectives-list: one objective per item, with its id
  listed: (id, e) => ({ objectives_id: id, ...flat(e.value), ...stamps(e) }),
  // get-objectives: {data: {objective_name, ...}} without the id
  got: (e) => ({ data: { ...flat(e.value), ...stamps(e) } }),
};

const guardrailViews: Views = {
  updated: 'Guardrails updated successfully',
  // create-guardrails: {guardrails_id, guardrails_name, status, created_at}
  created: (id, e) => ({
    guardrails_id: id,
    guardrails_name: e.value.name ?? e.value.guardrail_name ?? null,
    status: 'active',
    created_at: stamps(e).created_at,
  }),
  // get-guardrails-list: only the id and dates
  listed: (id, e) => ({ guardrails_id: id, ...stamps(e) }),
  // get-guardrails: {data: {guardrail_name, guardrail_prompt, ...}}; a legacy set also keeps its name
  got: (e) => ({ data: { ...flat(e.value), ...(e.value.name ? { name: e.value.name } : {}), ...stamps(e) } }),
};

/** Objectives and guardrails: created whole, listed, got, patched with JSON Patch, deleted. */
function setHandler(
  kind: Extract<Kind, 'objectives' | 'guardrails'>,
  prefix: 'o' | 'g',
  schema: z.ZodType<Record<string, unknown>>,
  notFoundBody: Record<string, string>,
  views: Views,
): Handler {
  return (req, { state, now }) => {
    const table = state.tables[kind];
    const [id, extra] = req.segments;
    if (extra !== undefined) return json(404, { message: 'Not found' });
    if (id === undefined && req.method === 'POST') {
      const parsed = parseBody(schema, req.body);
      if ('response' in parsed) return parsed.response;
      const newIdValue = newId(prefix);
      return json(200, views.created(newIdValue, insert(state, kind, newIdValue, now, parsed.data)));
    }
    if (id === undefined && req.method === 'GET') {
      const page = paging(req.query, 1);
      if ('response' in page) return page.response;
      const all = newestFirst(table);
      return json(200, { data: slice(all, page.limit, page.page - 1).map(([eid, e]) => views.listed(eid, e)), total_count: all.length });
    }
    if (id === undefined) return json(405, { message: 'Method not allowed' });

    const entity = table[id];
    if (!entity) return json(404, notFoundBody);
    if (req.method === 'GET') return json(200, views.got(entity));
    if (req.method === 'DELETE') {
      delete table[id];
      return empty(204);
    }
    if (req.method !== 'PATCH') return json(405, { message: 'Method not allowed' });
    // Documented for these two: a patch that cannot apply is a 400 `Invalid patch operation`.
    const ops = jsonPatchSchema.safeParse(req.body);
    if (!ops.success) return badRequest('Invalid patch operation');
    let next: unknown;
    try {
      next = applyJsonPatch(entity.value, ops.data);
    } catch (error) {
      if (error instanceof PatchError) return badRequest('Invalid patch operation');
      throw error;
    }
    const checked = schema.safeParse(next);
    if (!checked.success) return badRequest(summarizeIssues(checked.error));
    if (deepEqual(entity.value, checked.data)) return empty(304);
    entity.value = checked.data;
    entity.updatedMs = now;
    return json(200, { message: views.updated });
  };
}

export const objectives = setHandler('objectives', 'o', objectivesCreateSchema, { error: 'Objective not found' }, objectiveViews);
/** Legacy guardrail sets; individual guardrails go through handlers/guardrails.ts first. */
export const guardrailSets = setHandler(
  'guardrails',
  'g',
  guardrailsCreateSchema as z.ZodType<Row>,
  { error: 'Guardrails not found' },
  guardrailViews,
);
