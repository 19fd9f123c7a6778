import { z } from 'zod';
import { TAVUS_ID_PATTERN } from '../../../src/lib/rules.ts';

/**
 * A Tavus callback: `{conversation_id, event_type, message_type, timestamp, webhook_url, properties}`.
 * Unknown fields are kept; the events this app records have their properties checked, so a bad
 * payload is refused before anything is written.
 */

const tavusId = z.string().regex(TAVUS_ID_PATTERN, 'must be a Tavus id');

export const envelopeSchema = z.looseObject({
  conversation_id: tavusId,
  event_type: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be an event name such as system.shutdown'),
  message_type: z.string().max(50).optional(),
  timestamp: z.string().max(100).optional(),
  webhook_url: z.string().max(4096).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

// no limit per turn: the system turn is the full persona prompt; the body as a whole is bounded
const turn = z.looseObject({ role: z.string().min(1).max(50), content: z.string() });

/** Properties of each recorded event type; any other type is acknowledged and ignored. */
export const recordedEvents = {
  'system.replica_joined': z.looseObject({}),
  'system.shutdown': z.looseObject({ shutdown_reason: z.string().max(500).optional() }),
  'application.transcription_ready': z.looseObject({ transcript: z.array(turn).max(10_000) }),
  'application.recording_ready': z.looseObject({
    bucket_name: z.string().max(500).optional(),
    s3_key: z.string().max(2000).optional(),
    duration: z.number().nonnegative().optional(),
  }),
  'application.perception_analysis': z.looseObject({ analysis: z.unknown().refine((value) => value !== undefined, 'is required') }),
} as const;

export type RecordedEvent = keyof typeof recordedEvents;

export function isRecordedEvent(type: string): type is RecordedEvent {
  return Object.hasOwn(recordedEvents, type);
}

/** What is stored: the envelope without webhook_url, which carries the secret token. */
export function storedEvent(envelope: Envelope): Record<string, unknown> {
  const { webhook_url: _secretBearing, ...rest } = envelope;
  return { ...rest, properties: envelope.properties ?? {} };
}
