import type { SyncOutcome } from './persona-sync';

/** What a save did, in one sentence. */
export function outcomeMessage(outcome: SyncOutcome): string {
  const name = `“${outcome.row.persona_name}”`;
  switch (outcome.kind) {
    case 'created':
      return `Saved ${name} and created it in Tavus as ${outcome.row.tavus_persona_id}.`;
    case 'updated':
      return `Saved ${name}; Tavus was sent ${outcome.changes === 1 ? 'one change' : `${outcome.changes} changes`}.`;
    case 'unchanged':
      return `Nothing changed: Tavus already has these settings for ${name}.`;
    case 'failed':
      return `Saved ${name} here, but Tavus did not take it: ${outcome.row.sync_error ?? 'unknown error'} Fix it and save again, or use Retry in the list.`;
  }
}
