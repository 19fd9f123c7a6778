import { conversationCreateSchema, MAX_CALL_DURATION_SECONDS } from '../../resources/conversations.schema.ts';
import { TAVUS_BODIES, badRequest, empty, json } from '../http.ts';
import { endConversation, stamps } from '../lifecycle.ts';
import { compact, insert, iso, newId, newToken, newestFirst, type Entity } from '../state.ts';
import { exists, paging, parseBody, slice, type Handler } from './context.ts';

const PROPERTY_DEFAULTS = {
  max_call_duration: MAX_CALL_DURATION_SECONDS,
  participant_left_timeout: 0,
  participant_absent_timeout: 300,
};

const invalidId = () => json(400, TAVUS_BODIES.invalidId('conversation_id'));

function events(id: string, entity: Entity) {
  const out: Record<string, unknown>[] = [];
  const event = (event_type: string, at: number, properties: Record<string, unknown>) =>
    out.push({ conversation_id: id, event_type, message_type: 'system', timestamp: iso(at), properties });
  if (!entity.value.test_mode) event('system.replica_joined', entity.createdMs, {});
  // A test conversation is never joined and has no documented shutdown reason: it records none.
  if (entity.endedMs !== undefined && entity.shutdownReason !== undefined)
    event('system.shutdown', entity.endedMs, { shutdown_reason: entity.shutdownReason });
  return out;
}

export function conversationView(id: string, entity: Entity, verbose = false) {
  const v = entity.value;
  return compact({
    conversation_id: id,
    conversation_name: v.conversation_name,
    conversation_url: v.conversation_url,
    status: v.status,
    // documented as strings, never null: left out when the conversation has none
    callback_url: v.callback_url,
    replica_id: v.replica_id,
    persona_id: v.persona_id,
    meeting_token: v.meeting_token,
    ...stamps(entity),
    events: verbose ? events(id, entity) : undefined,
  });
}

export const conversations: Handler = (req, { state, now, settings }) => {
  const table = state.tables.conversations;
  const [id, action, extra] = req.segments;
  if (extra !== undefined) return json(404, { message: 'Not found' });

  if (id === undefined && req.method === 'POST') {
    const parsed = parseBody(conversationCreateSchema, req.body);
    if ('response' in parsed) return parsed.response;
    const { properties, ...fields } = parsed.data;
    const persona = fields.persona_id === undefined ? undefined : state.tables.personas[fields.persona_id];
    if (fields.persona_id !== undefined && !persona) return badRequest('Invalid persona_id');
    const replicaId = fields.replica_id ?? (persona?.value.default_replica_id as string | undefined);
    if (replicaId === undefined) return badRequest('replica_id is required: the persona has no default_replica_id');
    const replica = state.tables.replicas[replicaId];
    if (!replica) return badRequest('Invalid replica_id');
    if (replica.value.status !== 'completed') return badRequest('Replica is not ready: its training has not completed');
    if ((fields.document_ids ?? []).some((doc) => !exists(state.tables.documents, doc))) return badRequest('Invalid document_ids');
    const active = Object.values(table).filter((c) => c.value.status === 'active').length;
    if (!fields.test_mode && active >= settings.maxConcurrentConversations) return json(400, TAVUS_BODIES.concurrency);

    const conversationId = newId('c');
    const resolved = { ...PROPERTY_DEFAULTS, ...properties };
    const entity = insert(
      state,
      'conversations',
      conversationId,
      now,
      compact({
        ...fields,
        conversation_name: fields.conversation_name ?? `New Conversation ${iso(now)}`,
        conversation_url: `https://tavus.daily.co/${conversationId}`,
        replica_id: replicaId,
        status: 'active',
        properties: resolved,
        meeting_token: fields.require_auth ? newToken() : undefined,
      }),
      { endsAtMs: now + resolved.max_call_duration * 1000 },
    );
    // A test conversation is made but the replica never joins: ended at once, nothing billed.
    if (fields.test_mode) endConversation(entity, now, undefined);
    const { replica_id: _r, persona_id: _p, updated_at: _u, ...created } = conversationView(conversationId, entity);
    return json(200, created);
  }
  if (id === undefined && req.method === 'GET') {
    const page = paging(req.query, 1);
    if ('response' in page) return page.response;
    const status = req.query.get('status');
    const all = newestFirst(table).filter(([, c]) => !status || c.value.status === status);
    return json(200, { data: slice(all, page.limit, page.page - 1).map(([cid, c]) => conversationView(cid, c)), total_count: all.length });
  }
  if (id === undefined) return json(405, { message: 'Method not allowed' });

  const entity = table[id];
  if (!entity) return invalidId();
  if (action === 'end') {
    if (req.method !== 'POST') return json(405, { message: 'Method not allowed' });
    // Ending an ended conversation changes nothing, which is what makes retrying an end safe.
    if (entity.value.status === 'active') endConversation(entity, now, 'end_conversation_endpoint_hit');
    return empty(200);
  }
  if (action !== undefined) return json(404, { message: 'Not found' });
  if (req.method === 'GET') return json(200, conversationView(id, entity, req.query.get('verbose') === 'true'));
  if (req.method === 'DELETE') {
    delete table[id];
    return empty(204);
  }
  return json(405, { message: 'Method not allowed' });
};
