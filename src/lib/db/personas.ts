import type { SupabaseClient } from '@supabase/supabase-js';
import { DbError, mapDbErrors } from './errors';
import { parseRow, personaSchema } from './schemas';
import { isUuid } from './shared';
import type { PersonaFields, PersonaWrites } from './types';
import { TAVUS_ID_PATTERN as TAVUS_ID } from '@/lib/rules';

/**
 * Writes to the user's persona rows, through the functions of the persona migration (users have
 * no insert, update or delete on the table). A persona is saved here first, then created in Tavus
 * and linked; a Tavus failure is recorded on the row so the studio can offer a retry.
 */

const ARGUMENTS = {
  save_persona: ['p_persona_id', 'p_fields'],
  mark_persona_synced: ['p_persona_id', 'p_tavus_persona_id'],
  mark_persona_failed: ['p_persona_id', 'p_error'],
  link_persona: ['p_tavus_persona_id', 'p_fields'],
  delete_persona: ['p_persona_id'],
} as const;

export type PersonaFunction = keyof typeof ARGUMENTS;

/** Runs one persona function as the current user and returns the row it returned, as JSON. */
export type CallPersonaFunction = (name: PersonaFunction, args: Record<string, unknown>) => Promise<unknown>;

function checkId(id: unknown, what: string): string {
  if (!isUuid(id))
    throw new DbError('invalid_argument', `${what} needs a persona id (a uuid), got ${JSON.stringify(id)}; nothing was changed.`);
  return id;
}

function checkTavusId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !TAVUS_ID.test(id)) {
    throw new DbError('invalid_argument', `${what} needs a Tavus persona id such as p7e13c73f41f; nothing was changed.`);
  }
  return id;
}

function checkFields(fields: PersonaFields, what: string): PersonaFields {
  if (typeof fields !== 'object' || fields === null || typeof fields.persona_name !== 'string') {
    throw new DbError('invalid_argument', `${what} needs the persona's fields with a persona_name; nothing was changed.`);
  }
  return fields;
}

export function createPersonaWrites(call: CallPersonaFunction): PersonaWrites {
  const run = async (name: PersonaFunction, args: Record<string, unknown>) =>
    parseRow(personaSchema, await mapDbErrors(() => call(name, args)), 'persona');
  return {
    // async: a bad argument rejects like every other failure instead of throwing at the call
    savePersona: async (id, fields) =>
      run('save_persona', { p_persona_id: id === null ? null : checkId(id, 'savePersona'), p_fields: checkFields(fields, 'savePersona') }),
    markPersonaSynced: async (id, tavusPersonaId) =>
      run('mark_persona_synced', {
        p_persona_id: checkId(id, 'markPersonaSynced'),
        p_tavus_persona_id: checkTavusId(tavusPersonaId, 'markPersonaSynced'),
      }),
    markPersonaFailed: async (id, error) =>
      run('mark_persona_failed', { p_persona_id: checkId(id, 'markPersonaFailed'), p_error: String(error) }),
    linkPersona: async (tavusPersonaId, fields) =>
      run('link_persona', {
        p_tavus_persona_id: checkTavusId(tavusPersonaId, 'linkPersona'),
        p_fields: checkFields(fields, 'linkPersona'),
      }),
    deletePersona: async (id) => run('delete_persona', { p_persona_id: checkId(id, 'deletePersona') }),
  };
}

/** The embedded implementation: `queryAsUser` runs one statement as the local user, in a transaction. */
export function embeddedPersonaCall(
  queryAsUser: (sql: string, params: unknown[]) => Promise<Array<{ row: unknown }>>,
): CallPersonaFunction {
  return async (name, args) => {
    const names = ARGUMENTS[name];
    const placeholders = names.map((arg, i) => (arg === 'p_fields' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ');
    const params = names.map((arg) => (arg === 'p_fields' ? JSON.stringify(args[arg]) : args[arg]));
    const rows = await queryAsUser(`select to_jsonb(p) as row from public.${name}(${placeholders}) as p`, params);
    return rows[0]?.row;
  };
}

/** The Supabase implementation: one PostgREST rpc, as the signed-in user. */
export function supabasePersonaCall(client: SupabaseClient): CallPersonaFunction {
  // The generated Database type lists functions by the migrations it was made from; these are
  // checked at run time by parseRow instead.
  const untyped = client as unknown as SupabaseClient;
  return async (name, args) => {
    const { data, error } = await untyped.rpc(name, args).single();
    if (error) throw error;
    return data;
  };
}
