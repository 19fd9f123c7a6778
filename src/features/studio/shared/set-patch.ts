import { diffToJsonPatch, type JsonPatchOperation } from '@/lib/tavus/json-patch';

type Item = Record<string, unknown>;

/**
 * The patch from one objectives or guardrails set to another, item by item (`/data/0/objective_prompt`),
 * the way Tavus documents it: fields change in place, new items are appended, removed ones are
 * removed from the end first so the indexes of the others stay right.
 */
export function diffSet(before: { data: Item[] } & Item, after: { data: Item[] } & Item): JsonPatchOperation[] {
  const { data: beforeItems, ...beforeRest } = before;
  const { data: afterItems, ...afterRest } = after;
  const ops = diffToJsonPatch(beforeRest, afterRest);
  const common = Math.min(beforeItems.length, afterItems.length);
  for (let i = 0; i < common; i += 1) ops.push(...diffToJsonPatch(beforeItems[i]!, afterItems[i]!, `/data/${i}`));
  for (let i = beforeItems.length - 1; i >= common; i -= 1) ops.push({ op: 'remove', path: `/data/${i}` });
  for (let i = common; i < afterItems.length; i += 1) ops.push({ op: 'add', path: '/data/-', value: afterItems[i] });
  return ops;
}

/** Drops empty values so that an untouched item compares equal to what Tavus returned. */
export function compact(item: Item): Item {
  const out: Item = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}

export const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
