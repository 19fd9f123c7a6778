import { iso, type Entity, type SimState } from './state.ts';

/**
 * What happens on Tavus while nobody is asking: calls run out of time, replicas finish training,
 * documents finish processing. Applied at the start of every request, from the injected clock.
 * Returns whether anything changed (so the state is saved).
 */
export function advance(state: SimState, now: number): boolean {
  let changed = false;
  for (const conversation of Object.values(state.tables.conversations)) {
    if (conversation.value.status !== 'active') continue;
    const due = shutdownDue(conversation)
      .filter(([at]) => now >= at)
      .sort(([a], [b]) => a - b)[0];
    if (due) {
      endConversation(conversation, due[0], due[1]);
      changed = true;
    }
  }
  for (const replica of Object.values(state.tables.replicas)) {
    if (replica.value.status === 'started' && replica.doneAtMs !== undefined && now >= replica.doneAtMs) {
      Object.assign(replica.value, { status: 'completed', training_progress: '100/100' });
      replica.updatedMs = replica.doneAtMs;
      changed = true;
    }
  }
  for (const document of Object.values(state.tables.documents)) {
    const status = document.value.status;
    if ((status === 'started' || status === 'recrawling') && document.doneAtMs !== undefined && now >= document.doneAtMs) {
      const crawled = Boolean(document.value.crawl_config);
      Object.assign(document.value, {
        status: 'ready',
        progress: '100',
        ...(crawled
          ? {
              crawled_urls: [document.value.document_url],
              last_crawled_at: iso(document.doneAtMs),
              crawl_count: Number(document.value.crawl_count ?? 0) + 1,
            }
          : {}),
      });
      document.updatedMs = document.doneAtMs;
      changed = true;
    }
  }
  return changed;
}

/**
 * When Tavus would shut an active conversation down, with its documented reasons: at
 * max_call_duration; participant_absent_timeout seconds after creation if nobody joined; and
 * participant_left_timeout seconds after the last participant left.
 */
export function shutdownDue(conversation: Entity): Array<[number, string]> {
  const properties = (conversation.value.properties ?? {}) as Record<string, unknown>;
  const seconds = (key: string) => (typeof properties[key] === 'number' ? (properties[key] as number) : undefined);
  const due: Array<[number, string]> = [];
  if (conversation.endsAtMs !== undefined) due.push([conversation.endsAtMs, 'max_call_duration reached']);
  const absent = seconds('participant_absent_timeout');
  if (conversation.joinedMs === undefined && absent !== undefined)
    due.push([conversation.createdMs + absent * 1000, 'participant_absent_timeout reached']);
  const left = seconds('participant_left_timeout');
  if (conversation.leftMs !== undefined && left !== undefined)
    due.push([conversation.leftMs + left * 1000, 'participant_left_timeout reached']);
  return due;
}

export function endConversation(conversation: Entity, at: number, reason: string | undefined): void {
  conversation.value.status = 'ended';
  conversation.endedMs = at;
  conversation.updatedMs = at;
  if (reason !== undefined) conversation.shutdownReason = reason;
}

/** 0 to 99 while work is under way, from when it started to when it will be done. */
export function percentDone(entity: Entity, now: number): number {
  const start = entity.startedMs ?? entity.createdMs;
  const end = entity.doneAtMs ?? start;
  if (end <= start) return 99;
  return Math.min(99, Math.max(0, Math.floor(((now - start) / (end - start)) * 100)));
}

export function stamps(entity: Entity) {
  return { created_at: iso(entity.createdMs), updated_at: iso(entity.updatedMs) };
}
