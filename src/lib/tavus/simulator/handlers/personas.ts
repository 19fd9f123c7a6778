import { jsonPatchSchema, deepEqual } from '../../json-patch.ts';
import { personaCreateSchema } from '../../resources/personas.schema.ts';
import { summarizeIssues } from '../../schemas/common.ts';
import { applyJsonPatch, PatchError } from '../apply-patch.ts';
import { TAVUS_BODIES, badRequest, empty, json } from '../http.ts';
import { stamps } from '../lifecycle.ts';
import { compact, insert, newId, newestFirst, type Entity, type SimState } from '../state.ts';
import { exists, paging, parseBody, slice, type Handler } from './context.ts';

const READ_ONLY = new Set(['persona_id', 'persona_type', 'created_at', 'updated_at']);

export function personaView(id: string, entity: Entity) {
  return { persona_id: id, ...entity.value, ...stamps(entity) };
}

/** The ids a persona points at must exist, as on Tavus. */
function checkReferences(state: SimState, persona: Record<string, unknown>): Response | undefined {
  const { tables } = state;
  if (persona.default_replica_id !== undefined && !exists(tables.replicas, persona.default_replica_id))
    return badRequest('Invalid default_replica_id');
  if (persona.objectives_id !== undefined && !exists(tables.objectives, persona.objectives_id)) return badRequest('Invalid objectives_id');
  if (persona.guardrails_id !== undefined && !exists(tables.guardrails, persona.guardrails_id)) return badRequest('Invalid guardrails_id');
  const guardrailIds = (persona.guardrail_ids as string[] | undefined) ?? [];
  if (guardrailIds.some((id) => !exists(tables.guardrails, id))) return badRequest('Invalid guardrail_ids');
  const ids = (persona.document_ids as string[] | undefined) ?? [];
  if (ids.some((id) => !exists(tables.documents, id))) return badRequest('Invalid document_ids');
  return undefined;
}

// Documented (get-persona, delete-persona): an unknown id is a 400, not a 404.
const unknownPersona = () => badRequest('Invalid persona_id');
const notFound = () => json(404, { error: 'Persona not found' });

export const personas: Handler = (req, { state, now }) => {
  const table = state.tables.personas;
  const [id, extra] = req.segments;
  if (extra !== undefined) return json(404, { message: 'Not found' });

  if (id === undefined && req.method === 'POST') {
    const parsed = parseBody(personaCreateSchema, req.body);
    if ('response' in parsed) return parsed.response;
    const value = compact({ pipeline_mode: 'full', ...parsed.data, persona_type: 'user' });
    const problem = checkReferences(state, value);
    if (problem) return problem;
    const personaId = newId('p');
    const entity = insert(state, 'personas', personaId, now, value);
    return json(200, { persona_id: personaId, persona_name: value.persona_name ?? null, created_at: stamps(entity).created_at });
  }
  if (id === undefined && req.method === 'GET') {
    const page = paging(req.query, 1);
    if ('response' in page) return page.response;
    const type = req.query.get('persona_type');
    const all = newestFirst(table).filter(([, p]) => !type || p.value.persona_type === type);
    const data = slice(all, page.limit, page.page - 1).map(([pid, p]) => personaView(pid, p));
    return json(200, { data, total_count: all.length });
  }
  if (id === undefined) return json(405, { message: 'Method not allowed' });

  const entity = table[id];
  if (!entity) return req.method === 'GET' || req.method === 'DELETE' ? unknownPersona() : notFound();
  if (req.method === 'GET') return json(200, personaView(id, entity));
  if (req.method === 'DELETE') {
    delete table[id];
    return empty(204);
  }
  if (req.method !== 'PATCH') return json(405, { message: 'Method not allowed' });

  const ops = jsonPatchSchema.safeParse(req.body);
  if (!ops.success) return json(422, TAVUS_BODIES.invalidPatch);
  const touched = ops.data.flatMap((op) => ['path' in op ? op.path : '', 'from' in op ? op.from : '']);
  const readOnly = touched.map((p) => p.split('/')[1] ?? '').find((field) => READ_ONLY.has(field));
  if (readOnly) return badRequest(`${readOnly} cannot be changed`);
  const { persona_type, ...editable } = entity.value;
  let next: Record<string, unknown>;
  try {
    next = applyJsonPatch(editable, ops.data);
  } catch (error) {
    if (error instanceof PatchError) return json(422, TAVUS_BODIES.invalidPatch);
    throw error;
  }
  const checked = personaCreateSchema.safeParse(next);
  if (!checked.success) return badRequest(summarizeIssues(checked.error));
  const problem = checkReferences(state, checked.data);
  if (problem) return problem;
  if (deepEqual(editable, checked.data)) return empty(304);
  entity.value = compact({ ...checked.data, persona_type });
  entity.updatedMs = now;
  return json(200, personaView(id, entity));
};
