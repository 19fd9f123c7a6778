import { z } from 'zod';
import { TAVUS_ID_PATTERN } from '../../rules.ts';

/**
 * An enum that also accepts values it does not know. Tavus adds models and statuses without
 * notice; an unknown value must not turn a working response into an error. The known values stay
 * in the type for editors and forms.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodType<T[number] | (string & {}), string>;
}

/** A Tavus id as it appears in a path: letters, digits, `-` and `_`, at most 128 (e.g. `p7e13c73f41f`, `d8-5c71baca86fc`). */
export const tavusIdSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .regex(TAVUS_ID_PATTERN, 'must be a Tavus id such as p7e13c73f41f (at most 128 letters, digits, - and _)');

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL' });

export const nonEmptyString = z.string().trim().min(1, 'is empty');

/** 1-based paging, as every list exposes it to callers. */
export const listParamsSchema = z.strictObject({
  limit: z.number().int().min(1).optional(),
  page: z.number().int().min(1).optional(),
});
export type ListParams = z.input<typeof listParamsSchema>;

/** `{ data: [...], total_count }`; documents add `page` (0-based) and `limit`. */
export function listEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    total_count: z.number().int().nonnegative().optional(),
    page: z.number().int().optional(),
    limit: z.number().int().optional(),
  });
}

/** Timestamps arrive as ISO strings, sometimes empty, sometimes null. */
export const timestampSchema = z.string().nullish();

/** A short, readable account of what did not match: `layers.llm.model: expected string; ...`. */
export function summarizeIssues(error: z.ZodError, max = 4): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : '';
  return lines.join('; ') + more;
}

/** `{ changed: false }` is Tavus's 304: the patch described what was already there. */
export type PatchResult<T> = { changed: true; data: T | undefined } | { changed: false };
