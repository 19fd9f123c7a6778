import { diffToJsonPatch } from '@/lib/tavus/json-patch';
import { editablePart, toFormValues, toPersonaBody } from '@/features/studio/personas/form-model';
import { rowToBody, toFields } from '@/features/studio/personas/persona-sync';
import { validatePersonaForm } from '@/features/studio/personas/validate';
import { trainingPercent } from '@/features/studio/replicas/training';
import { diffSet } from '@/features/studio/shared/set-patch';
import type { Persona } from '@/lib/db';

const remote = {
  persona_id: 'pabc12345',
  persona_name: 'Listener',
  system_prompt: 'Listen.',
  pipeline_mode: 'full',
  context: '',
  default_replica_id: 'r4317e64d25a',
  document_tags: ['care'],
  created_at: '2026-01-01T00:00:00Z',
  layers: {
    llm: { model: 'tavus-gpt-4o', speculative_inference: false, tools: [{ type: 'function', function: { name: 'f' } }] },
    tts: { tts_engine: 'cartesia', playht_user_id: 'kept-although-not-in-the-form', voice_settings: { speed: 'slow' } },
    perception: { perception_model: 'raven-0', ambient_awareness_queries: ['Is the user smiling?', 'Are they tired?'] },
    stt: {},
  },
};

describe('persona form model', () => {
  it('an untouched persona diffs to nothing, settings the form does not show included', () => {
    const { body, errors } = toPersonaBody(toFormValues(remote), remote);
    expect(errors).toEqual({});
    expect(diffToJsonPatch(editablePart(remote), body)).toEqual([]);
    expect(body).toMatchObject({ document_tags: ['care'], layers: { tts: { playht_user_id: 'kept-although-not-in-the-form' } } });
    expect(body).not.toHaveProperty('persona_id');
  });

  it('turns form text into typed values, and emptied fields into removals', () => {
    const values = toFormValues(remote);
    values.fields['layers.llm.speculative_inference'] = 'true';
    values.fields['layers.perception.ambient_awareness_queries'] = ' One? \n\n Two? ';
    values.fields['layers.tts.voice_settings'] = '';
    values.fields['layers.stt.smart_turn_detection'] = 'false';
    const { body } = toPersonaBody(values, remote);
    expect(diffToJsonPatch(editablePart(remote), body)).toEqual([
      { op: 'replace', path: '/layers/llm/speculative_inference', value: true },
      { op: 'remove', path: '/layers/tts/voice_settings' },
      { op: 'replace', path: '/layers/perception/ambient_awareness_queries', value: ['One?', 'Two?'] },
      { op: 'add', path: '/layers/stt', value: { smart_turn_detection: false } },
    ]);
  });

  it('names the field of every JSON or schema mistake, and refuses a blank name', () => {
    const values = toFormValues({ persona_name: '  ', pipeline_mode: 'full' });
    values.fields['layers.llm.headers'] = '["not", "an object"]';
    values.fields['layers.llm.base_url'] = 'ftp://example.com';
    const { errors } = validatePersonaForm(values);
    expect(errors).toEqual({
      persona_name: 'Name is required.',
      system_prompt: expect.stringContaining('is required when pipeline_mode is full'),
      'layers.llm.headers': 'LLM request headers (JSON) must be a JSON object, e.g. {"key":"value"}.',
      'layers.llm.base_url': expect.stringContaining('Custom LLM base URL'),
    });
  });

  it('stores what Tavus returns as local fields, leaving out malformed ids', () => {
    expect(toFields({ ...remote, persona_name: null, default_replica_id: '', document_ids: ['d1234', 'bad id'] }, 'pabc12345')).toEqual({
      persona_name: 'pabc12345',
      system_prompt: 'Listen.',
      context: null, // Tavus's "" is unset
      pipeline_mode: 'full',
      default_replica_id: null,
      layers: editablePart(remote).layers,
      objectives_id: null,
      guardrails_id: null,
      document_ids: ['d1234'],
      guardrail_ids: [],
      guardrail_tags: [],
    });
  });

  it('a local row over the remote persona keeps the fields only Tavus holds', () => {
    const row = {
      persona_name: 'Renamed',
      system_prompt: 'Listen.',
      context: null,
      pipeline_mode: 'full',
      default_replica_id: null,
      layers: {},
      objectives_id: null,
      guardrails_id: null,
      document_ids: [],
    } as unknown as Persona;
    expect(diffToJsonPatch(editablePart(remote), rowToBody(row, remote))).toEqual([
      { op: 'replace', path: '/persona_name', value: 'Renamed' },
      { op: 'remove', path: '/default_replica_id' },
      { op: 'remove', path: '/layers' },
    ]);
  });
});

describe('studio helpers', () => {
  it('reads training progress', () => {
    expect(trainingPercent('42/100')).toBe(42);
    expect(trainingPercent(' 3 / 4 ')).toBe(75);
    expect(trainingPercent('100/0')).toBeNull();
    expect(trainingPercent('soon')).toBeNull();
    expect(trainingPercent(null)).toBeNull();
  });

  it('patches a set item by item: in place, removed from the end, appended', () => {
    const a = { objective_name: 'a', objective_prompt: 'A' };
    const b = { objective_name: 'b', objective_prompt: 'B' };
    const c = { objective_name: 'c', objective_prompt: 'C' };
    expect(diffSet({ data: [a, b, c] }, { data: [{ ...a, objective_prompt: 'A2' }] })).toEqual([
      { op: 'replace', path: '/data/0/objective_prompt', value: 'A2' },
      { op: 'remove', path: '/data/2' },
      { op: 'remove', path: '/data/1' },
    ]);
    expect(diffSet({ name: 'S', data: [a] }, { name: 'T', data: [a, b] })).toEqual([
      { op: 'replace', path: '/name', value: 'T' },
      { op: 'add', path: '/data/-', value: b },
    ]);
  });
});
