import { z } from 'zod';

/** One RFC 6902 operation. `path` and `from` are JSON Pointers (RFC 6901). */
const pointer = z.string().regex(/^(\/([^~]|~[01])*)*$/, 'must be a JSON Pointer such as /system_prompt');

export const jsonPatchOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('replace'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('test'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: pointer }),
  z.strictObject({ op: z.literal('move'), from: pointer, path: pointer }),
  z.strictObject({ op: z.literal('copy'), from: pointer, path: pointer }),
]);
export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;

/** A patch that says something: an empty patch is a caller's mistake, not a request worth sending. */
export const jsonPatchSchema = z
  .array(jsonPatchOperationSchema)
  .min(1, 'is empty: nothing to change (check the result of diffToJsonPatch before calling update)')
  .superRefine((ops, ctx) => {
    ops.forEach((op, i) => {
      if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && op.value === undefined) {
        ctx.addIssue({ code: 'custom', path: [i, 'value'], message: `is required for "${op.op}"` });
      }
    });
  });

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The RFC 6902 operations that turn `before` into `after`: nested objects are compared field by
 * field, arrays and other values are replaced whole, and a field set to `undefined` counts as
 * absent (as a form leaves it). Equal inputs give `[]`.
 */
export function diffToJsonPatch(before: Record<string, unknown>, after: Record<string, unknown>, base = ''): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  for (const key of Object.keys(before)) {
    if (before[key] === undefined) continue;
    const path = `${base}/${escapePointerToken(key)}`;
    const next = after[key];
    if (next === undefined) ops.push({ op: 'remove', path });
    else if (isPlainObject(before[key]) && isPlainObject(next)) ops.push(...diffToJsonPatch(before[key], next, path));
    else if (!deepEqual(before[key], next)) ops.push({ op: 'replace', path, value: next });
  }
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || before[key] !== undefined) continue;
    ops.push({ op: 'add', path: `${base}/${escapePointerToken(key)}`, value: after[key] });
  }
  return ops;
}
