import { ALL_FIELDS, EDITABLE_KEYS, type FieldSpec } from './layer-fields';

/** A persona body as Tavus takes it (create) and returns it (get); unknown keys are kept. */
export type PersonaBody = Record<string, unknown>;

/** What the form holds: every field as text (by path), plus the picked documents and guardrails. */
export interface PersonaFormValues {
  fields: Record<string, string>;
  documentIds: string[];
  guardrailIds: string[];
}

export type FieldErrors = Record<string, string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), source);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function toText(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (spec.kind === 'lines') return Array.isArray(value) ? value.map(String).join('\n') : String(value);
  if (spec.kind === 'json-array' || spec.kind === 'json-object') return JSON.stringify(value, null, 2);
  return String(value);
}

const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : []);

/** The form's view of a persona (from Tavus or the local row). */
export function toFormValues(persona: PersonaBody): PersonaFormValues {
  const fields: Record<string, string> = {};
  for (const spec of ALL_FIELDS) fields[spec.path] = toText(spec, getPath(persona, spec.path));
  if (!fields.pipeline_mode) fields.pipeline_mode = 'full';
  return { fields, documentIds: strings(persona.document_ids), guardrailIds: strings(persona.guardrail_ids) };
}

function fromText(spec: FieldSpec, text: string): { value?: unknown; error?: string } {
  if (spec.kind === 'textarea') return text.trim() === '' ? {} : { value: text };
  const trimmed = text.trim();
  if (trimmed === '') return {};
  switch (spec.kind) {
    case 'flag':
      return { value: trimmed === 'true' };
    case 'lines': {
      const lines = trimmed
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      return { value: lines };
    }
    case 'json-array':
    case 'json-object': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (error) {
        return { error: `is not valid JSON (${(error as Error).message}).` };
      }
      if (spec.kind === 'json-array' && !Array.isArray(parsed))
        return { error: 'must be a JSON array, e.g. [] or [{"type":"function",…}].' };
      if (spec.kind === 'json-object' && !isObject(parsed)) return { error: 'must be a JSON object, e.g. {"key":"value"}.' };
      return { value: parsed };
    }
    default:
      return { value: trimmed };
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Blank values (null, "") count as unset, at the top and in each layer, and emptied layers go:
 * Tavus returns `context: ""` or `tts_engine: ""` where the form shows nothing, and an untouched
 * persona must diff to nothing.
 */
function pruneBlanks(body: PersonaBody): void {
  for (const key of Object.keys(body)) if (isBlank(body[key])) delete body[key];
  if (!isObject(body.layers)) return;
  for (const [name, layer] of Object.entries(body.layers)) {
    if (isObject(layer)) for (const key of Object.keys(layer)) if (isBlank(layer[key])) delete layer[key];
    if (isBlank(layer) || (isObject(layer) && Object.keys(layer).length === 0)) delete body.layers[name];
  }
  if (Object.keys(body.layers).length === 0) delete body.layers;
}

const LIST_KEYS = ['document_ids', 'guardrail_ids', 'guardrail_tags'] as const;

/** The editable part of a persona, the same way for the stored base and for the edited form. */
export function editablePart(persona: PersonaBody): PersonaBody {
  const part: PersonaBody = {};
  for (const key of EDITABLE_KEYS) {
    if (!isBlank(persona[key])) part[key] = structuredClone(persona[key]);
  }
  // an empty list is no setting: Tavus and the local row may hold [] where the form shows nothing
  for (const key of LIST_KEYS) if (Array.isArray(part[key]) && part[key].length === 0) delete part[key];
  pruneBlanks(part);
  return part;
}

/**
 * The persona body the form describes, on top of `base` so that settings the form does not show
 * (newer Tavus fields) are kept. Conversion errors come back by field path.
 */
export function toPersonaBody(values: PersonaFormValues, base: PersonaBody = {}): { body: PersonaBody; errors: FieldErrors } {
  const body = editablePart(base);
  const errors: FieldErrors = {};
  for (const spec of ALL_FIELDS) {
    const { value, error } = fromText(spec, values.fields[spec.path] ?? '');
    if (error) errors[spec.path] = `${spec.label} ${error}`;
    else setPath(body, spec.path, value);
  }
  if (values.documentIds.length) body.document_ids = [...values.documentIds];
  else delete body.document_ids;
  if (values.guardrailIds.length) body.guardrail_ids = [...values.guardrailIds];
  else delete body.guardrail_ids;
  pruneBlanks(body);
  return { body, errors };
}

/** Maps a schema issue path (e.g. layers.llm.tools.0.function) to the field that shows it. */
export function fieldForIssue(path: readonly PropertyKey[]): string {
  const joined = path.map(String).join('.');
  const match = ALL_FIELDS.map((f) => f.path)
    .filter((p) => joined === p || joined.startsWith(`${p}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (match) return match;
  const list = ['document_ids', 'guardrail_ids'].find((key) => joined.startsWith(key));
  return list ?? (joined || 'persona_name');
}

export const emptyFormValues = (): PersonaFormValues => toFormValues({ pipeline_mode: 'full' });
