import { replicaCreateSchema, replicaRenameSchema } from '../../resources/replicas.schema.ts';
import { badRequest, empty, json } from '../http.ts';
import { percentDone, stamps } from '../lifecycle.ts';
import { insert, newId, newestFirst, type Entity } from '../state.ts';
import { paging, parseBody, slice, type Handler } from './context.ts';

export function replicaView(id: string, entity: Entity, now: number) {
  const training = entity.value.status === 'started';
  return {
    replica_id: id,
    ...entity.value,
    ...(training ? { training_progress: `${percentDone(entity, now)}/100` } : {}),
    ...stamps(entity),
  };
}

// Documented (get-replica): an unknown id is a 400 `Invalid replica_id`, not a 404.
const unknownReplica = () => badRequest('Invalid replica_id');
const notFound = () => json(404, { error: 'Replica not found' });

export const replicas: Handler = (req, { state, now, settings }) => {
  const table = state.tables.replicas;
  const [id, action, extra] = req.segments;
  if (extra !== undefined) return json(404, { message: 'Not found' });

  if (id === undefined && req.method === 'POST') {
    const parsed = parseBody(replicaCreateSchema, req.body);
    if ('response' in parsed) return parsed.response;
    const replicaId = newId('r');
    const { train_video_url: _t, consent_video_url: _c, ...shown } = parsed.data;
    insert(
      state,
      'replicas',
      replicaId,
      now,
      {
        replica_name: shown.replica_name ?? 'New Replica',
        thumbnail_video_url: null,
        training_progress: '0/100',
        status: 'started',
        error_message: null,
        replica_type: 'user',
        model_name: shown.model_name ?? 'phoenix-3',
        callback_url: shown.callback_url ?? null,
      },
      { startedMs: now, doneAtMs: now + settings.replicaTrainingMs },
    );
    return json(200, { replica_id: replicaId, status: 'started' });
  }
  if (id === undefined && req.method === 'GET') {
    const page = paging(req.query, 1);
    if ('response' in page) return page.response;
    const type = req.query.get('replica_type');
    const all = newestFirst(table).filter(([, r]) => !type || r.value.replica_type === type);
    return json(200, { data: slice(all, page.limit, page.page - 1).map(([rid, r]) => replicaView(rid, r, now)), total_count: all.length });
  }
  if (id === undefined) return json(405, { message: 'Method not allowed' });

  const entity = table[id];
  if (!entity) return action === undefined && (req.method === 'GET' || req.method === 'DELETE') ? unknownReplica() : notFound();
  const stock = entity.value.replica_type === 'system';
  if (action === 'name' && req.method === 'PATCH') {
    if (stock) return badRequest('Stock replicas cannot be renamed');
    const parsed = parseBody(replicaRenameSchema, req.body);
    if ('response' in parsed) return parsed.response;
    entity.value.replica_name = parsed.data.replica_name;
    entity.updatedMs = now;
    return empty(200);
  }
  if (action !== undefined) return json(404, { message: 'Not found' });
  if (req.method === 'GET') return json(200, replicaView(id, entity, now));
  if (req.method === 'DELETE') {
    if (stock) return badRequest('Stock replicas cannot be deleted');
    delete table[id];
    return empty(200); // documented (delete-replica): 200 OK, unlike the other deletes' 204
  }
  return json(405, { message: 'Method not allowed' });
};
