import { z } from 'zod';
import { httpUrlSchema, listParamsSchema, nonEmptyString, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';
import { MODALITIES } from './objectives.schema.ts';

export const guardrailSchema = z.strictObject({
  guardrail_name: z.string().regex(/^[A-Za-z0-9_]+$/, 'may hold only letters, digits and _ (e.g. no_medical_advice)'),
  guardrail_prompt: nonEmptyString,
  modality: z.enum(MODALITIES).optional(),
  callback_url: httpUrlSchema.optional(),
});
export type Guardrail = z.input<typeof guardrailSchema>;

/** `POST /v2/guardrails`: a named set of rules. */
export const guardrailsCreateSchema = z.strictObject({
  name: nonEmptyString,
  data: z.array(guardrailSchema).min(1, 'needs at least one guardrail'),
}).superRefine(({ data }, ctx) => {
  const names = new Set<string>();
  data.forEach((guardrail, i) => {
    if (names.has(guardrail.guardrail_name)) {
      ctx.addIssue({ code: 'custom', path: ['data', i, 'guardrail_name'], message: `"${guardrail.guardrail_name}" is used twice` });
    }
    names.add(guardrail.guardrail_name);
  });
});
export type GuardrailsCreate = z.input<typeof guardrailsCreateSchema>;

export const guardrailItemSchema = z.looseObject({
  guardrail_name: z.string(),
  guardrail_prompt: z.string().nullish(),
  modality: openEnum(MODALITIES).nullish(),
  callback_url: z.string().nullish(),
});

export const guardrailsSchema = z.looseObject({
  guardrails_id: tavusIdSchema,
  name: z.string().nullish(),
  data: z.array(guardrailItemSchema).nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

export const guardrailsCreatedSchema = guardrailsSchema;
export const guardrailsListParamsSchema = listParamsSchema;
