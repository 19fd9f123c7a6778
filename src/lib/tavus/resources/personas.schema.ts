import { z } from 'zod';
import { nonEmptyString, listParamsSchema, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';
import { personaLayersSchema } from './layers.schema.ts';

export const PIPELINE_MODES = ['full', 'echo'] as const;

const personaFields = {
  persona_name: nonEmptyString.optional(),
  system_prompt: nonEmptyString.optional(),
  pipeline_mode: openEnum(PIPELINE_MODES).optional(),
  context: z.string().optional(),
  default_replica_id: tavusIdSchema.optional(),
  document_ids: z.array(tavusIdSchema).optional(),
  document_tags: z.array(nonEmptyString).optional(),
  objectives_id: tavusIdSchema.optional(),
  /** A legacy guardrails set. */
  guardrails_id: tavusIdSchema.optional(),
  /** Individual guardrails, by id or by tag (the current docs); "up to 50 per persona" (create-persona). */
  guardrail_ids: z.array(tavusIdSchema).max(50, 'holds at most 50 guardrails').optional(),
  guardrail_tags: z.array(nonEmptyString).optional(),
  layers: personaLayersSchema.optional(),
};

/**
 * `POST /v2/personas`. Strict at the top level: a misspelt field (say `replica_id` for
 * `default_replica_id`) is an error here, not a persona silently created without it.
 * `pipeline_mode` defaults to `full` on Tavus, which needs a system prompt.
 */
export const personaCreateSchema = z.strictObject(personaFields).superRefine((persona, ctx) => {
  if ((persona.pipeline_mode ?? 'full') === 'full' && !persona.system_prompt) {
    ctx.addIssue({
      code: 'custom',
      path: ['system_prompt'],
      message: 'is required when pipeline_mode is full (the default)',
    });
  }
  const tools = [
    ...(persona.layers?.llm?.tools ?? []).map((tool, i) => ({ tool, path: ['layers', 'llm', 'tools', i] })),
    ...(persona.layers?.perception?.perception_tools ?? []).map((tool, i) => ({
      tool,
      path: ['layers', 'perception', 'perception_tools', i],
    })),
  ];
  for (const { tool, path } of tools) {
    if (tool.type !== 'function' || !tool.function) {
      ctx.addIssue({ code: 'custom', path, message: 'must be { type: "function", function: { name, description, parameters } }' });
    }
  }
});
export type PersonaCreate = z.input<typeof personaCreateSchema>;

export const personaCreatedSchema = z.looseObject({
  persona_id: tavusIdSchema,
  persona_name: z.string().nullish(),
  created_at: timestampSchema,
});
export type PersonaCreated = z.infer<typeof personaCreatedSchema>;

export const personaSchema = z.looseObject({
  persona_id: tavusIdSchema,
  persona_name: z.string().nullish(),
  system_prompt: z.string().nullish(),
  pipeline_mode: openEnum(PIPELINE_MODES).nullish(),
  context: z.string().nullish(),
  default_replica_id: z.string().nullish(),
  document_ids: z.array(z.string()).nullish(),
  document_tags: z.array(z.string()).nullish(),
  objectives_id: z.string().nullish(),
  guardrails_id: z.string().nullish(),
  guardrail_ids: z.array(z.string()).nullish(),
  guardrail_tags: z.array(z.string()).nullish(),
  layers: personaLayersSchema.nullish(),
  persona_type: openEnum(['user', 'system']).nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Persona = z.infer<typeof personaSchema>;

/** The docs show a single persona wrapped in `data: [persona]`; real answers are flat. Take all three. */
export const personaGetResponseSchema = z.preprocess((body) => {
  if (body && typeof body === 'object' && !('persona_id' in body) && 'data' in body) {
    const data = (body as { data: unknown }).data;
    return Array.isArray(data) ? data[0] : data;
  }
  return body;
}, personaSchema);

export const personaListParamsSchema = listParamsSchema.extend({
  persona_type: z.enum(['user', 'system']).optional(),
});
export type PersonaListParams = z.input<typeof personaListParamsSchema>;
