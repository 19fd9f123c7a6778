import { describe, expect, it } from 'vitest';
import { diffToJsonPatch, jsonPatchSchema } from '@/lib/tavus';
import { applyJsonPatch, PatchError } from '@/lib/tavus/simulator/apply-patch';

describe('diffToJsonPatch', () => {
  const before = {
    persona_name: 'Listener',
    system_prompt: 'old',
    context: 'gone soon',
    document_ids: ['d1', 'd2'],
    layers: { llm: { model: 'tavus-gpt-oss', speculative_inference: true }, tts: { tts_engine: 'cartesia' } },
  };

  it('gives nothing for equal inputs, ignoring fields left undefined', () => {
    expect(diffToJsonPatch(before, structuredClone(before))).toEqual([]);
    expect(diffToJsonPatch({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });

  it('replaces changed fields, removes dropped ones, adds new ones, recursing into objects only', () => {
    const after = {
      persona_name: 'Listener',
      system_prompt: 'new',
      document_ids: ['d1'],
      layers: { llm: { model: 'tavus-gpt-4o' }, tts: { tts_engine: 'cartesia' }, stt: { stt_engine: 'tavus-advanced' } },
      objectives_id: 'o1',
    };
    expect(diffToJsonPatch(before, after)).toEqual([
      { op: 'replace', path: '/system_prompt', value: 'new' },
      { op: 'remove', path: '/context' },
      { op: 'replace', path: '/document_ids', value: ['d1'] },
      { op: 'replace', path: '/layers/llm/model', value: 'tavus-gpt-4o' },
      { op: 'remove', path: '/layers/llm/speculative_inference' },
      { op: 'add', path: '/layers/stt', value: { stt_engine: 'tavus-advanced' } },
      { op: 'add', path: '/objectives_id', value: 'o1' },
    ]);
  });

  it('escapes ~ and / in keys, and replaces a value whose type changes', () => {
    expect(diffToJsonPatch({ 'a/b': 1, 'c~d': 1, e: { x: 1 } }, { 'a/b': 2, 'c~d': 2, e: 'flat' })).toEqual([
      { op: 'replace', path: '/a~1b', value: 2 },
      { op: 'replace', path: '/c~0d', value: 2 },
      { op: 'replace', path: '/e', value: 'flat' },
    ]);
  });

  it('produces patches that apply back to the target and pass the request schema', () => {
    const after = { ...structuredClone(before), context: undefined, layers: { llm: { model: 'x' } }, tags: ['a/b'] };
    const ops = diffToJsonPatch(before, after);
    expect(jsonPatchSchema.safeParse(ops).success).toBe(true);
    expect(applyJsonPatch(before, ops)).toEqual(JSON.parse(JSON.stringify(after)));
  });
});

describe('applyJsonPatch (the simulator side of PATCH)', () => {
  const doc = { data: [{ objective_name: 'a', objective_prompt: 'p' }], name: 'n' };

  it('applies add, remove, replace, copy, move and test, leaving the input untouched', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/name', value: 'n' },
      { op: 'add', path: '/data/-', value: { objective_name: 'b', objective_prompt: 'q' } },
      { op: 'replace', path: '/data/0/objective_prompt', value: 'p2' },
      { op: 'copy', from: '/name', path: '/title' },
      { op: 'move', from: '/title', path: '/label' },
      { op: 'remove', path: '/name' },
    ]);
    expect(out).toEqual({
      data: [
        { objective_name: 'a', objective_prompt: 'p2' },
        { objective_name: 'b', objective_prompt: 'q' },
      ],
      label: 'n',
    });
    expect(doc.name).toBe('n');
  });

  it.each([
    [{ op: 'replace', path: '/missing', value: 1 }],
    [{ op: 'remove', path: '/data/5' }],
    [{ op: 'add', path: '/nope/deeper', value: 1 }],
    [{ op: 'test', path: '/name', value: 'other' }],
    [{ op: 'move', from: '/data', path: '/data/0/x' }],
  ] as const)('refuses %j', (op) => {
    expect(() => applyJsonPatch(doc, [op as never])).toThrow(PatchError);
  });

  it('the request schema refuses malformed operations', () => {
    expect(jsonPatchSchema.safeParse([{ op: 'replace', path: 'system_prompt', value: 1 }]).success).toBe(false);
    expect(jsonPatchSchema.safeParse([{ op: 'replace', path: '/system_prompt' }]).success).toBe(false);
    expect(jsonPatchSchema.safeParse([{ op: 'rename', path: '/a' }]).success).toBe(false);
    expect(jsonPatchSchema.safeParse([{ op: 'move', path: '/a' }]).success).toBe(false);
    expect(jsonPatchSchema.safeParse([]).success).toBe(false);
  });
});
