import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { mapDbErrors } from './errors';
import { parseRow } from './schemas';
import { TAVUS_LANGUAGES, MULTILINGUAL } from '@/lib/tavus/languages';
import type { TavusLanguage } from '@/lib/tavus/languages';

/**
 * The user's kept choices (migration 20261202003000_user_settings): the language of their sessions
 * and the replica's memory. Read and written only through the migration's functions; a user who
 * never chose anything reads the defaults.
 */
export interface UserSettings {
  language: TavusLanguage;
  memoryEnabled: boolean;
  /** Which memory store is in use: turning memory off and on again moves to the next. */
  memoryGeneration: number;
}

export interface SettingsAccess {
  settings(): Promise<UserSettings>;
  /** Remembers the language for the next sessions; DbError invalid_argument for one Tavus does not list. */
  setLanguage(language: TavusLanguage): Promise<UserSettings>;
  /** On again after off starts a new memory store: the replica forgets the earlier sessions. */
  setMemory(enabled: boolean): Promise<UserSettings>;
}

const settingsRowSchema = z
  .looseObject({
    language: z.enum([...TAVUS_LANGUAGES, MULTILINGUAL]),
    memory_enabled: z.boolean(),
    memory_generation: z.number().int().min(1),
  })
  .transform((row): UserSettings => ({
    language: row.language,
    memoryEnabled: row.memory_enabled,
    memoryGeneration: row.memory_generation,
  }));

const ARGUMENTS = {
  my_settings: [],
  set_session_language: ['p_language'],
  set_memory: ['p_enabled'],
} as const;

type SettingsFunction = keyof typeof ARGUMENTS;
type CallSettingsFunction = (name: SettingsFunction, args: Record<string, unknown>) => Promise<unknown>;

export function createSettingsAccess(call: CallSettingsFunction): SettingsAccess {
  const run = async (name: SettingsFunction, args: Record<string, unknown> = {}) =>
    parseRow(settingsRowSchema, await mapDbErrors(() => call(name, args)), 'settings');
  return {
    settings: () => run('my_settings'),
    setLanguage: (language) => run('set_session_language', { p_language: language }),
    setMemory: (enabled) => run('set_memory', { p_enabled: enabled }),
  };
}

/** The embedded implementation: one statement as the local user. */
export function embeddedSettingsCall(
  queryAsUser: (sql: string, params: unknown[]) => Promise<Array<{ row: unknown }>>,
): CallSettingsFunction {
  return async (name, args) => {
    const names: readonly string[] = ARGUMENTS[name];
    const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await queryAsUser(
      `select to_jsonb(s) as row from public.${name}(${placeholders}) as s`,
      names.map((arg) => args[arg]),
    );
    return rows[0]?.row;
  };
}

/** The Supabase implementation: one PostgREST rpc, as the signed-in user. */
export function supabaseSettingsCall(client: SupabaseClient): CallSettingsFunction {
  return async (name, args) => {
    const { data, error } = await client.rpc(name, args).single();
    if (error) throw error;
    return data;
  };
}
