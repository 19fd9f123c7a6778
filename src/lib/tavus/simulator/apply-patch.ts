import type { JsonPatchOperation } from '../json-patch.ts';
import { deepEqual } from '../json-patch.ts';

export class PatchError extends Error {}

type Container = Record<string, unknown> | unknown[];

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The container holding the pointer's last token, and that token. */
function locate(doc: unknown, pointer: string): [Container, string] {
  const parts = tokens(pointer);
  const last = parts.pop();
  if (last === undefined) throw new PatchError('the whole document cannot be replaced');
  let node = doc;
  for (const part of parts) {
    node = isContainer(node) ? (node as Record<string, unknown>)[part] : undefined;
    if (!isContainer(node)) throw new PatchError(`path ${pointer} does not exist`);
  }
  if (!isContainer(node)) throw new PatchError(`path ${pointer} does not exist`);
  return [node, last];
}

function arrayIndex(array: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchError(`"${token}" is not an array index`);
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length)) throw new PatchError(`index ${index} is out of range`);
  return index;
}

function read(doc: unknown, pointer: string): unknown {
  const [parent, key] = locate(doc, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false)];
  if (!(key in parent)) throw new PatchError(`path ${pointer} does not exist`);
  return parent[key];
}

function remove(doc: unknown, pointer: string): unknown {
  const [parent, key] = locate(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0];
  if (!(key in parent)) throw new PatchError(`path ${pointer} does not exist`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function add(doc: unknown, pointer: string, value: unknown): void {
  const [parent, key] = locate(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
}

/** RFC 6902 on a copy of `doc`; throws PatchError when an operation cannot apply. */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOperation[]): T {
  const out = structuredClone(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        add(out, op.path, structuredClone(op.value));
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'replace':
        read(out, op.path);
        remove(out, op.path);
        add(out, op.path, structuredClone(op.value));
        break;
      case 'copy':
        add(out, op.path, structuredClone(read(out, op.from)));
        break;
      case 'move': {
        if (op.path.startsWith(`${op.from}/`)) throw new PatchError('cannot move a value into itself');
        add(out, op.path, remove(out, op.from));
        break;
      }
      case 'test':
        if (!deepEqual(read(out, op.path), op.value)) throw new PatchError(`test failed at ${op.path}`);
        break;
    }
  }
  return out;
}
