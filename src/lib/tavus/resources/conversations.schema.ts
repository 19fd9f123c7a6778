import { z } from 'zod';
import { httpUrlSchema, listParamsSchema, nonEmptyString, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';

/** Fields people reach for that Tavus does not have, and what to use instead. */
const NOT_TAVUS_FIELDS: Record<string, string> = {
  enable_transcription:
    'does not exist in Tavus: use properties.enable_closed_captions for live captions; the transcript arrives with the application.transcription_ready callback',
};

function strictWithHints<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys.map((key) => `${key} ${NOT_TAVUS_FIELDS[key] ?? 'is not a Tavus field'}`).join('; ');
    },
  });
}

/** Durations are seconds; Tavus caps a call at one hour. */
export const MAX_CALL_DURATION_SECONDS = 3600;

export const conversationPropertiesSchema = strictWithHints({
  max_call_duration: z.number().int().min(1).max(MAX_CALL_DURATION_SECONDS).optional(),
  participant_left_timeout: z.number().int().min(0).optional(),
  participant_absent_timeout: z.number().int().min(0).optional(),
  enable_recording: z.boolean().optional(),
  enable_closed_captions: z.boolean().optional(),
  apply_greenscreen: z.boolean().optional(),
  /** A full language name such as `english`, or `multilingual`. */
  language: nonEmptyString.optional(),
  recording_s3_bucket_name: nonEmptyString.optional(),
  recording_s3_bucket_region: nonEmptyString.optional(),
  aws_assume_role_arn: nonEmptyString.optional(),
});
export type ConversationProperties = z.input<typeof conversationPropertiesSchema>;

export const DOCUMENT_RETRIEVAL_STRATEGIES = ['speed', 'quality', 'balanced'] as const;

/** `POST /v2/conversations`. */
export const conversationCreateSchema = strictWithHints({
  replica_id: tavusIdSchema.optional(),
  persona_id: tavusIdSchema.optional(),
  conversation_name: nonEmptyString.optional(),
  callback_url: httpUrlSchema.optional(),
  conversational_context: z.string().optional(),
  custom_greeting: z.string().optional(),
  document_ids: z.array(tavusIdSchema).optional(),
  document_tags: z.array(nonEmptyString).optional(),
  document_retrieval_strategy: z.enum(DOCUMENT_RETRIEVAL_STRATEGIES).optional(),
  memory_stores: z.array(nonEmptyString).optional(),
  audio_only: z.boolean().optional(),
  /** Created but the replica never joins: no cost, status `ended` at once. */
  test_mode: z.boolean().optional(),
  /** Private room: the answer carries a `meeting_token`. */
  require_auth: z.boolean().optional(),
  /** The replica counts as a participant. */
  max_participants: z.number().int().min(2).optional(),
  properties: conversationPropertiesSchema.optional(),
}).refine((c) => c.replica_id !== undefined || c.persona_id !== undefined, {
  path: ['replica_id'],
  message: 'is required unless persona_id names a persona with a default_replica_id',
});
export type ConversationCreate = z.input<typeof conversationCreateSchema>;

export const CONVERSATION_STATUSES = ['active', 'ended'] as const;

export const conversationEventSchema = z.looseObject({
  event_type: z.string(),
  message_type: z.string().nullish(),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
export type ConversationEvent = z.infer<typeof conversationEventSchema>;

export const conversationSchema = z.looseObject({
  conversation_id: tavusIdSchema,
  conversation_name: z.string().nullish(),
  conversation_url: z.string().nullish(),
  status: openEnum(CONVERSATION_STATUSES).nullish(),
  callback_url: z.string().nullish(),
  replica_id: z.string().nullish(),
  persona_id: z.string().nullish(),
  meeting_token: z.string().nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  /** Only with `verbose: true`: replica_joined, shutdown (with shutdown_reason), transcription_ready... */
  events: z.array(conversationEventSchema).nullish(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** The room URL is what the caller joins, so a create answer without it is unusable. */
export const conversationCreatedSchema = conversationSchema.extend({
  conversation_url: z.string().min(1),
});
export type ConversationCreated = z.infer<typeof conversationCreatedSchema>;

export const conversationListParamsSchema = listParamsSchema.extend({
  status: z.enum(CONVERSATION_STATUSES).optional(),
});
export type ConversationListParams = z.input<typeof conversationListParamsSchema>;

export const conversationGetParamsSchema = z.strictObject({ verbose: z.boolean().optional() });
export type ConversationGetParams = z.input<typeof conversationGetParamsSchema>;

/** `DELETE /v2/conversations/{id}?hard=true` also removes the conversation's stored data at Tavus. */
export const conversationDeleteParamsSchema = z.strictObject({ hard: z.boolean().optional() });
export type ConversationDeleteParams = z.input<typeof conversationDeleteParamsSchema>;
