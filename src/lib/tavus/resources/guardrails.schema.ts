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

/** `POST /v2/guardrails` with `name` and `data`: a legacy set of rules, still supported. */
export const guardrailSetCreateSchema = z
  .strictObject({
    name: nonEmptyString,
    data: z.array(guardrailSchema).min(1, 'needs at least one guardrail'),
  })
  .superRefine(({ data }, ctx) => {
    const names = new Set<string>();
    data.forEach((guardrail, i) => {
      if (names.has(guardrail.guardrail_name)) {
        ctx.addIssue({ code: 'custom', path: ['data', i, 'guardrail_name'], message: `"${guardrail.guardrail_name}" is used twice` });
      }
      names.add(guardrail.guardrail_name);
    });
  });

/**
 * `POST /v2/guardrails` with `guardrail_name` at the top level: one individually addressable
 * guardrail, attached to personas with `guardrail_ids` or `guardrail_tags` (the current docs).
 */
export const guardrailCreateSchema = guardrailSchema.extend({
  tags: z.array(nonEmptyString).max(32, 'holds at most 32 tags').optional(),
  app_message: z.boolean().optional(),
});
export type GuardrailCreate = z.input<typeof guardrailCreateSchema>;

/**
 * Either shape, told apart as Tavus does (legacy-guardrail-sets): a body with `data` is a set, any
 * other an individual guardrail. Checking only that shape keeps its errors (a union says "Invalid input").
 */
export const guardrailsCreateSchema = z.unknown().transform((value, ctx) => {
  const isSet = typeof value === 'object' && value !== null && 'data' in value;
  const checked = (isSet ? guardrailSetCreateSchema : guardrailCreateSchema).safeParse(value);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});
export type GuardrailsCreate = z.input<typeof guardrailSetCreateSchema> | z.input<typeof guardrailCreateSchema>;

export const guardrailItemSchema = z.looseObject({
  guardrail_name: z.string(),
  tags: z.array(z.string()).nullish(),
  guardrail_prompt: z.string().nullish(),
  modality: openEnum(MODALITIES).nullish(),
  callback_url: z.string().nullish(),
});

const GUARDRAIL_FIELDS = ['guardrail_name', 'guardrail_prompt', 'modality', 'callback_url', 'tags'] as const;

/**
 * Guardrails as this app reads them, whichever documented shape Tavus answers with: a legacy set
 * (`name`, `data` array), one guardrail (`guardrail_name` at the top level, as get answers inside
 * `{data: {...}}`), a list item with only `guardrails_id` and timestamps (get-guardrails-list), or a
 * create answer (`guardrails_id`, `guardrails_name`, `status`). The name is `guardrails_name`.
 */
export const guardrailsSchema = z.preprocess(
  (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    const named = record.guardrails_name ?? record.name;
    // An individual guardrail answers with its id as `uuid` (create-guardrails, get-guardrails, list-guardrails).
    const withId =
      record.guardrails_id === undefined && typeof record.uuid === 'string' ? { ...record, guardrails_id: record.uuid } : record;
    const withName = named !== undefined ? { ...withId, guardrails_name: named } : withId;
    if (Array.isArray(record.data) || typeof record.guardrail_name !== 'string') return withName;
    const guardrail = Object.fromEntries(GUARDRAIL_FIELDS.filter((key) => key in record).map((key) => [key, record[key]]));
    return { ...withName, data: [guardrail] };
  },
  z.looseObject({
    guardrails_id: tavusIdSchema,
    guardrails_name: z.string().nullish(),
    data: z.array(guardrailItemSchema).nullish(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  }),
);
export type Guardrails = z.infer<typeof guardrailsSchema>;

export const guardrailsCreatedSchema = guardrailsSchema;
/** `legacy: false` lists individual guardrails (0-based pages); Tavus's default lists legacy sets. */
export const guardrailsListParamsSchema = listParamsSchema.extend({ legacy: z.boolean().optional() });
export type GuardrailsListParams = z.input<typeof guardrailsListParamsSchema>;
