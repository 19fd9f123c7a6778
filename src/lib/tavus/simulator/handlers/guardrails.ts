import { guardrailCreateSchema } from '../../resources/guardrails.schema.ts';
import { json } from '../http.ts';
import { stamps } from '../lifecycle.ts';
import { insert, newId, newestFirst, type Entity } from '../state.ts';
import { paging, parseBody, slice, type Handler } from './context.ts';
import { guardrailSets } from './sets.ts';

// Guardrails as the current docs model them (create-guardrails, get-guardrails, list-guardrails,
// legacy-guardrail-sets; read 2026-12-02): each guardrail is its own resource, created with
// `guardrail_name` at the top level and answered with its id as `uuid`. The older sets (`name`
// plus `data`) share the paths: the body's shape (POST) or the id (GET, PATCH, DELETE) decides.

const isIndividual = (entity: Entity) => !Array.isArray(entity.value.data);

/** One guardrail as documented: `app_message` defaults to true. */
const individualView = (id: string, entity: Entity) => ({ uuid: id, app_message: true, ...entity.value, ...stamps(entity) });

export const guardrails: Handler = (req, context) => {
  const { state, now } = context;
  const table = state.tables.guardrails;
  const [id, extra] = req.segments;
  const body = req.body as Record<string, unknown> | undefined;
  if (extra === undefined && id === undefined && req.method === 'POST' && body && typeof body.guardrail_name === 'string') {
    const parsed = parseBody(guardrailCreateSchema, body);
    if ('response' in parsed) return parsed.response;
    const guardrailId = newId('g');
    return json(200, individualView(guardrailId, insert(state, 'guardrails', guardrailId, now, parsed.data)));
  }
  if (extra === undefined && id === undefined && req.method === 'GET') {
    // `legacy=true` is the default and lists the sets; `legacy=false` the individual guardrails, from page 0.
    const legacy = req.query.get('legacy') !== 'false';
    const page = paging(req.query, legacy ? 1 : 0);
    if ('response' in page) return page.response;
    const all = newestFirst(table).filter(([, entity]) => isIndividual(entity) !== legacy);
    if (!legacy) {
      const data = slice(all, page.limit, page.page).map(([gid, entity]) => individualView(gid, entity));
      return json(200, { data, total_count: all.length, page: page.page, limit: page.limit });
    }
    const data = slice(all, page.limit, page.page - 1).map(([gid, entity]) => ({ guardrails_id: gid, ...stamps(entity) }));
    return json(200, { data, total_count: all.length });
  }
  const entity = id === undefined ? undefined : table[id];
  if (extra === undefined && id !== undefined && req.method === 'GET' && entity && isIndividual(entity))
    return json(200, individualView(id, entity));
  return guardrailSets(req, context);
};
