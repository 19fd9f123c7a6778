import { z } from 'zod';
import { httpUrlSchema, listParamsSchema, nonEmptyString, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';

export const CONFIRMATION_MODES = ['auto', 'manual'] as const;
export const MODALITIES = ['verbal', 'visual'] as const;

export const objectiveSchema = z.strictObject({
  objective_name: z.string().regex(/^\S+$/, 'must have no spaces (e.g. recall_assessment)'),
  objective_prompt: nonEmptyString,
  confirmation_mode: z.enum(CONFIRMATION_MODES).optional(),
  modality: z.enum(MODALITIES).optional(),
  output_variables: z.array(nonEmptyString).optional(),
  next_required_objectives: z.array(nonEmptyString).optional(),
  /** Objective name to the condition under which it comes next. */
  next_conditional_objectives: z.record(z.string(), z.string()).optional(),
  callback_url: httpUrlSchema.optional(),
});
export type Objective = z.input<typeof objectiveSchema>;

/** `POST /v2/objectives`: one set of objectives; names unique, and every "next" names one of them. */
export const objectivesCreateSchema = z
  .strictObject({
    data: z.array(objectiveSchema).min(1, 'needs at least one objective'),
  })
  .superRefine(({ data }, ctx) => {
    const names = new Set<string>();
    data.forEach((objective, i) => {
      if (names.has(objective.objective_name)) {
        ctx.addIssue({ code: 'custom', path: ['data', i, 'objective_name'], message: `"${objective.objective_name}" is used twice` });
      }
      names.add(objective.objective_name);
    });
    data.forEach((objective, i) => {
      const next = [...(objective.next_required_objectives ?? []), ...Object.keys(objective.next_conditional_objectives ?? {})];
      for (const name of next) {
        if (!names.has(name))
          ctx.addIssue({ code: 'custom', path: ['data', i], message: `names a next objective "${name}" that is not in this set` });
      }
    });
  });
export type ObjectivesCreate = z.input<typeof objectivesCreateSchema>;

/** As Tavus returns an objective: every field kept, enums open. */
export const objectiveItemSchema = z.looseObject({
  objective_name: z.string(),
  objective_prompt: z.string().nullish(),
  confirmation_mode: openEnum(CONFIRMATION_MODES).nullish(),
  modality: openEnum(MODALITIES).nullish(),
  output_variables: z.array(z.string()).nullish(),
  next_required_objectives: z.array(z.string()).nullish(),
  next_conditional_objectives: z.record(z.string(), z.string()).nullish(),
  callback_url: z.string().nullish(),
});

/** The documented fields of one objective (objectiveItemSchema's): what a form edits, and what a get's `data` holds. */
export const OBJECTIVE_FIELDS: readonly string[] = [
  'objective_name',
  'objective_prompt',
  'confirmation_mode',
  'modality',
  'output_variables',
  'next_required_objectives',
  'next_conditional_objectives',
  'callback_url',
];

/**
 * One set of objectives as this app reads it, whichever documented shape Tavus answers with: a list
 * item is one objective with its `objectives_id` (get-objectives-list), a get is `{data: {...}}`
 * without the id (get-objectives), a create answer is `{objectives_id, objective_name, status}`.
 * A set of several objectives (created with several in `data`) is read from a `data` array.
 */
export const objectivesSchema = z.preprocess(
  (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.data) || typeof record.objective_prompt !== 'string') return value;
    const objective = Object.fromEntries(OBJECTIVE_FIELDS.filter((key) => key in record).map((key) => [key, record[key]]));
    return { ...record, data: [objective] };
  },
  z.looseObject({
    objectives_id: tavusIdSchema,
    /** The name of the (first) objective: documented on create answers and list items. */
    objective_name: z.string().nullish(),
    data: z.array(objectiveItemSchema).nullish(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  }),
);
export type Objectives = z.infer<typeof objectivesSchema>;

export const objectivesCreatedSchema = objectivesSchema;
export const objectivesListParamsSchema = listParamsSchema;
