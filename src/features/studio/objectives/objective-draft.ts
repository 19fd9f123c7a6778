import { OBJECTIVE_FIELDS, objectivesCreateSchema } from '@/lib/tavus/schemas';
import { compact, splitList } from '../shared/set-patch';

/** One objective as the form edits it; fields the form does not show are kept in `extra`. */
export interface ObjectiveDraft {
  objective_name: string;
  objective_prompt: string;
  confirmation_mode: string;
  modality: string;
  output_variables: string;
  next_required_objectives: string[];
  /** One `name: condition` a line. */
  next_conditional_objectives: string;
  callback_url: string;
  extra: Record<string, unknown>;
}

export const emptyObjective = (): ObjectiveDraft => ({
  objective_name: '',
  objective_prompt: '',
  confirmation_mode: 'auto',
  modality: 'verbal',
  output_variables: '',
  next_required_objectives: [],
  next_conditional_objectives: '',
  callback_url: '',
  extra: {},
});

export function toDraft(item: Record<string, unknown>): ObjectiveDraft {
  const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
  const list = (key: string) => (Array.isArray(item[key]) ? (item[key] as unknown[]).map(String) : []);
  const conditional = item.next_conditional_objectives;
  return {
    objective_name: text('objective_name'),
    objective_prompt: text('objective_prompt'),
    confirmation_mode: text('confirmation_mode'),
    modality: text('modality'),
    output_variables: list('output_variables').join(', '),
    next_required_objectives: list('next_required_objectives'),
    next_conditional_objectives:
      conditional && typeof conditional === 'object'
        ? Object.entries(conditional)
            .map(([name, when]) => `${name}: ${String(when)}`)
            .join('\n')
        : '',
    callback_url: text('callback_url'),
    extra: Object.fromEntries(Object.entries(item).filter(([key]) => !OBJECTIVE_FIELDS.includes(key))),
  };
}

export function fromDraft(draft: ObjectiveDraft): Record<string, unknown> {
  const conditional = Object.fromEntries(
    draft.next_conditional_objectives
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(':');
        return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }),
  );
  return compact({
    ...draft.extra,
    objective_name: draft.objective_name.trim(),
    objective_prompt: draft.objective_prompt.trim(),
    confirmation_mode: draft.confirmation_mode,
    modality: draft.modality,
    output_variables: splitList(draft.output_variables),
    next_required_objectives: draft.next_required_objectives,
    next_conditional_objectives: conditional,
    callback_url: draft.callback_url.trim(),
  });
}

/** Errors keyed `index.field`, from the client's own schema (names without spaces, known "next" names...). */
export function validateObjectives(drafts: ObjectiveDraft[]): { data: Record<string, unknown>[]; errors: Record<string, string> } {
  const data = drafts.map(fromDraft);
  const errors: Record<string, string> = {};
  // the create schema is strict per item: check the form's fields, not extras Tavus returned
  const checked = data.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => OBJECTIVE_FIELDS.includes(key))));
  const parsed = objectivesCreateSchema.safeParse({ data: checked });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, index, field] = issue.path.map(String);
      const named = /"([^"]+)"/.exec(issue.message)?.[1] ?? '';
      const nextField = drafts[Number(index)]?.next_required_objectives.includes(named)
        ? 'next_required_objectives'
        : 'next_conditional_objectives';
      const key = index === undefined ? 'set' : `${index}.${field ?? nextField}`;
      errors[key] ??= issue.message;
    }
  }
  return { data, errors };
}
