import { shutdownDue } from './lifecycle.ts';
import { iso, type Entity, type SimState } from './state.ts';

/**
 * What Tavus POSTs to a conversation's callback_url (docs.tavus.io, "Webhooks and callbacks"):
 * `{conversation_id, event_type, message_type, timestamp, webhook_url, properties}`.
 */
export interface CallbackEnvelope {
  conversation_id: string;
  event_type: 'system.replica_joined' | 'system.shutdown' | 'application.transcription_ready' | 'application.recording_ready';
  message_type: 'system' | 'application';
  timestamp: string;
  webhook_url: string;
  properties: Record<string, unknown>;
}

export interface SimulatorCallbacks {
  /** Receives each callback of a conversation created with a callback_url, in Tavus's order. */
  deliver(envelope: CallbackEnvelope): Promise<void> | void;
  /** Between the shutdown and application.transcription_ready. Default 3000 ms (Tavus: up to a minute or so). */
  transcriptDelayMs?: number;
  /** A delivery that failed; like a webhook Tavus could not reach, it is not sent again. */
  onFailure?(envelope: CallbackEnvelope, error: unknown): void;
}

export const DEFAULT_TRANSCRIPT_DELAY_MS = 3_000;

/** The transcript Tavus sends: a first `system` turn with the prompt and context, then what was said. */
function transcript(state: SimState, conversation: Entity) {
  const persona = state.tables.personas[conversation.value.persona_id as string];
  const system = [persona?.value.system_prompt, persona?.value.context, conversation.value.conversational_context]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join('\n\n');
  return [{ role: 'system', content: system }, ...(conversation.turns ?? [])];
}

/**
 * What application.recording_ready carries for a conversation created with enable_recording
 * (docs.tavus.io, "Webhooks and callbacks": bucket_name, s3_key, duration in seconds).
 */
function recordingOf(id: string, conversation: Entity): Record<string, unknown> | undefined {
  const properties = (conversation.value.properties ?? {}) as Record<string, unknown>;
  if (properties.enable_recording !== true || typeof properties.recording_s3_bucket_name !== 'string') return undefined;
  const from = conversation.joinedMs ?? conversation.createdMs;
  return {
    bucket_name: properties.recording_s3_bucket_name,
    s3_key: `${id}/recording.mp4`,
    duration: Math.max(0, Math.round(((conversation.endedMs ?? from) - from) / 1000)),
  };
}

export interface DueCallbacks {
  envelopes: CallbackEnvelope[];
  /** When the next callback (or the shutdown that leads to one) falls due, if any. */
  nextAt: number | undefined;
}

/**
 * The callbacks due at `now`, each marked sent in the state: system.replica_joined once the call's
 * room has someone in it (the simulated replica is there by then), system.shutdown with Tavus's
 * reason when the conversation ends, application.transcription_ready `delayMs` later. A test
 * conversation is never joined by the replica and sends none.
 */
export function takeDueCallbacks(state: SimState, now: number, delayMs: number): DueCallbacks {
  const envelopes: CallbackEnvelope[] = [];
  let nextAt: number | undefined;
  const later = (at: number) => {
    nextAt = nextAt === undefined ? at : Math.min(nextAt, at);
  };
  for (const [id, conversation] of Object.entries(state.tables.conversations).sort(([, a], [, b]) => a.seq - b.seq)) {
    const webhookUrl = conversation.value.callback_url;
    if (typeof webhookUrl !== 'string' || conversation.value.test_mode) continue;
    const sent = (conversation.sent ??= []);
    const send = (event_type: CallbackEnvelope['event_type'], at: number, properties: Record<string, unknown>) => {
      if (sent.includes(event_type)) return;
      sent.push(event_type);
      const message_type = event_type.startsWith('system.') ? 'system' : 'application';
      envelopes.push({ conversation_id: id, event_type, message_type, timestamp: iso(at)!, webhook_url: webhookUrl, properties });
    };
    if (conversation.joinedMs !== undefined) send('system.replica_joined', conversation.joinedMs, {});
    if (conversation.endedMs === undefined || conversation.shutdownReason === undefined) {
      if (conversation.value.status === 'active') for (const [at] of shutdownDue(conversation)) later(at);
      continue;
    }
    send('system.shutdown', conversation.endedMs, { shutdown_reason: conversation.shutdownReason });
    const transcriptAt = conversation.endedMs + delayMs;
    if (now >= transcriptAt) {
      send('application.transcription_ready', transcriptAt, { transcript: transcript(state, conversation) });
      const recording = recordingOf(id, conversation);
      if (recording) send('application.recording_ready', transcriptAt, recording);
    } else later(transcriptAt);
  }
  return { envelopes, nextAt };
}
