import type { AppDb, Persona, PersonaFields } from '@/lib/db';
import { isUnknownId, type TavusClient } from '@/lib/tavus';
import { diffToJsonPatch } from '@/lib/tavus/json-patch';
import { errorSentence } from '../shared/describe-error';
import { editablePart, type PersonaBody } from './form-model';
import { TAVUS_ID_PATTERN as TAVUS_ID } from '@/lib/rules';

/**
 * The persona's two homes kept in step: the local row is written first, then Tavus; a Tavus
 * failure leaves the row `failed` with the error, which a retry (syncPersona again) clears.
 */
/** The persona part of the data layer: all the sync needs. */
export type PersonaStore = Pick<
  AppDb,
  'listPersonas' | 'savePersona' | 'markPersonaSynced' | 'markPersonaFailed' | 'linkPersona' | 'deletePersona'
>;

export interface SyncDeps {
  db: PersonaStore;
  tavus: TavusClient;
  mode?: 'mock' | 'direct' | 'proxy';
}

export type SyncOutcome =
  | { kind: 'created'; row: Persona }
  | { kind: 'updated'; row: Persona; changes: number }
  | { kind: 'unchanged'; row: Persona }
  | { kind: 'failed'; row: Persona; error: unknown };

const LOCAL_KEYS = [
  'persona_name',
  'system_prompt',
  'context',
  'pipeline_mode',
  'default_replica_id',
  'layers',
  'objectives_id',
  'guardrails_id',
  'document_ids',
  'guardrail_ids',
  'guardrail_tags',
] as const;

/** The fields the local row stores, from a persona body (form or Tavus); malformed ids are left out. */
export function toFields(body: PersonaBody, fallbackName = 'Unnamed persona'): PersonaFields {
  const part = editablePart(body);
  const text = (key: string) => (typeof part[key] === 'string' ? (part[key] as string) : null);
  const id = (key: string) => (TAVUS_ID.test(text(key) ?? '') ? text(key) : null);
  const ids = (key: string) => {
    const list = part[key];
    return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string' && TAVUS_ID.test(d)) : [];
  };
  const name = text('persona_name')?.trim();
  return {
    persona_name: (name || fallbackName).slice(0, 200),
    system_prompt: text('system_prompt'),
    context: text('context'),
    pipeline_mode: text('pipeline_mode') ?? 'full',
    default_replica_id: id('default_replica_id'),
    layers: typeof part.layers === 'object' && part.layers !== null ? (part.layers as Record<string, unknown>) : {},
    objectives_id: id('objectives_id'),
    guardrails_id: id('guardrails_id'),
    document_ids: ids('document_ids'),
    guardrail_ids: ids('guardrail_ids'),
    guardrail_tags: Array.isArray(part.guardrail_tags)
      ? part.guardrail_tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim())
      : [],
  };
}

/** The Tavus body a local row describes, over `remote` so that fields kept only in Tavus survive. */
export function rowToBody(row: Persona, remote: PersonaBody = {}): PersonaBody {
  const body = editablePart(remote);
  for (const key of LOCAL_KEYS) delete body[key];
  return editablePart({ ...body, ...row });
}

async function recordFailure(deps: SyncDeps, row: Persona, error: unknown): Promise<SyncOutcome> {
  const failed = await deps.db.markPersonaFailed(row.id, errorSentence(error, deps.mode));
  return { kind: 'failed', row: failed, error };
}

/**
 * Brings Tavus in line with the local row. A linked persona is patched with only the difference
 * from `base` (what the editor loaded) or, without one, from what Tavus holds now.
 */
export async function syncPersona(deps: SyncDeps, row: Persona, base?: PersonaBody): Promise<SyncOutcome> {
  try {
    if (!row.tavus_persona_id) {
      const created = await deps.tavus.personas.create(rowToBody(row));
      return { kind: 'created', row: await deps.db.markPersonaSynced(row.id, created.persona_id) };
    }
    const before = editablePart(base ?? (await deps.tavus.personas.get(row.tavus_persona_id)));
    const ops = diffToJsonPatch(before, rowToBody(row, before));
    if (ops.length > 0) {
      const result = await deps.tavus.personas.update(row.tavus_persona_id, ops);
      const synced = await deps.db.markPersonaSynced(row.id, row.tavus_persona_id);
      return result.changed ? { kind: 'updated', row: synced, changes: ops.length } : { kind: 'unchanged', row: synced };
    }
    return { kind: 'unchanged', row: await deps.db.markPersonaSynced(row.id, row.tavus_persona_id) };
  } catch (error) {
    return recordFailure(deps, row, error);
  }
}

/** Saves locally first (a new row when `id` is null), then syncs. */
export async function savePersona(deps: SyncDeps, id: string | null, body: PersonaBody, base?: PersonaBody): Promise<SyncOutcome> {
  const row = await deps.db.savePersona(id, toFields(body));
  return syncPersona(deps, row, base);
}

export interface ImportResult {
  added: Persona[];
  alreadyLinked: number;
  /** Personas the local database refused (one bad persona does not stop the others). */
  failed: Array<{ personaId: string; error: unknown }>;
}

/**
 * Links one Tavus persona by its id (the settings' persona, say), as the import of all links each:
 * its fields as Tavus has them. Already linked, it is returned as it is.
 */
export async function importPersona(deps: SyncDeps, personaId: string): Promise<Persona> {
  const present = (await deps.db.listPersonas()).find((p) => p.tavus_persona_id === personaId);
  if (present) return present;
  return deps.db.linkPersona(personaId, toFields(await deps.tavus.personas.get(personaId), personaId));
}

/** Links every Tavus persona not linked yet; running it twice adds nothing. */
export async function importFromTavus(deps: SyncDeps): Promise<ImportResult> {
  const linked = new Set((await deps.db.listPersonas()).map((p) => p.tavus_persona_id).filter(Boolean));
  const result: ImportResult = { added: [], alreadyLinked: 0, failed: [] };
  for await (const remote of deps.tavus.personas.list({ limit: 50 })) {
    const id = remote.persona_id;
    if (linked.has(id)) {
      result.alreadyLinked += 1;
      continue;
    }
    try {
      result.added.push(await deps.db.linkPersona(id, toFields(remote, id)));
      linked.add(id);
    } catch (error) {
      result.failed.push({ personaId: id, error });
    }
  }
  return result;
}

/** Deletes in Tavus (already gone counts as done), then locally; sessions keep their history. */
export async function deletePersona(deps: SyncDeps, row: Persona): Promise<void> {
  if (row.tavus_persona_id) {
    try {
      await deps.tavus.personas.delete(row.tavus_persona_id);
    } catch (error) {
      if (!isUnknownId(error, 'persona_id')) throw error;
    }
  }
  await deps.db.deletePersona(row.id);
}
