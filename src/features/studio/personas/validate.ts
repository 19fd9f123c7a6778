import { personaCreateSchema } from '@/lib/tavus/schemas';
import { ALL_FIELDS } from './layer-fields';
import { fieldForIssue, toPersonaBody, type FieldErrors, type PersonaBody, type PersonaFormValues } from './form-model';

const LABELS = new Map<string, string>([
  ...ALL_FIELDS.map((f) => [f.path, f.label] as const),
  ['document_ids', 'Documents'],
  ['guardrail_ids', 'Guardrails'],
]);

/**
 * The form checked with the same schema the Tavus client applies before sending, so every
 * refusal is shown next to its field instead of as one error after the request.
 */
export function validatePersonaForm(values: PersonaFormValues, base: PersonaBody = {}): { body: PersonaBody; errors: FieldErrors } {
  const { body, errors } = toPersonaBody(values, base);
  const parsed = personaCreateSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForIssue(issue.path);
      const inner = issue.path
        .map(String)
        .join('.')
        .slice(field.length + 1);
      const message = `${LABELS.get(field) ?? field}${inner ? ` (${inner})` : ''} ${issue.message}`;
      errors[field] ??= message;
    }
  }
  if (!errors.persona_name && !String(body.persona_name ?? '').trim()) errors.persona_name = 'Name is required.';
  // the local row keeps at most 32 tags of 64 characters, the limits Tavus documents for a guardrail's tags
  const tags = Array.isArray(body.guardrail_tags) ? body.guardrail_tags.map(String) : [];
  if (!errors.guardrail_tags && (tags.length > 32 || tags.some((tag) => tag.length > 64)))
    errors.guardrail_tags = 'Guardrail tags: at most 32 tags, each of up to 64 characters.';
  return { body, errors };
}
