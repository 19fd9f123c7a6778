import { z } from 'zod';
import { httpUrlSchema, listParamsSchema, nonEmptyString, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';

export const REPLICA_STATUSES = ['started', 'completed', 'error'] as const;

/** `POST /v2/replicas`: a personal replica also needs a consent video. */
export const replicaCreateSchema = z.strictObject({
  replica_name: nonEmptyString.optional(),
  train_video_url: httpUrlSchema,
  consent_video_url: httpUrlSchema.optional(),
  callback_url: httpUrlSchema.optional(),
  model_name: nonEmptyString.optional(),
  /** Documented training options; kept open, as Tavus adds more. */
  properties: z
    .looseObject({
      gaze_correction: z.boolean().optional(),
      background_green_screen: z.boolean().optional(),
    })
    .optional(),
});
export type ReplicaCreate = z.input<typeof replicaCreateSchema>;

export const replicaSchema = z.looseObject({
  replica_id: tavusIdSchema,
  replica_name: z.string().nullish(),
  thumbnail_video_url: z.string().nullish(),
  /** `"42/100"` while training, `"100/100"` when done. */
  training_progress: z.string().nullish(),
  status: openEnum(REPLICA_STATUSES).nullish(),
  error_message: z.string().nullish(),
  replica_type: openEnum(['user', 'system']).nullish(),
  model_name: z.string().nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Replica = z.infer<typeof replicaSchema>;

export const replicaCreatedSchema = z.looseObject({
  replica_id: tavusIdSchema,
  status: openEnum(REPLICA_STATUSES).nullish(),
});
export type ReplicaCreated = z.infer<typeof replicaCreatedSchema>;

export const replicaRenameSchema = z.strictObject({ replica_name: nonEmptyString });

export const replicaListParamsSchema = listParamsSchema.extend({
  verbose: z.boolean().optional(),
  /** Only these replicas (sent comma-separated). */
  replica_ids: z.array(tavusIdSchema).min(1).optional(),
  replica_type: z.enum(['user', 'system']).optional(),
});
export type ReplicaListParams = z.input<typeof replicaListParamsSchema>;

export const replicaGetParamsSchema = z.strictObject({ verbose: z.boolean().optional() });
export type ReplicaGetParams = z.input<typeof replicaGetParamsSchema>;
