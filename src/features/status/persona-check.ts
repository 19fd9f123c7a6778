import type { Services } from '@/lib/services';
import type { PersonaCheck } from '@/lib/sessions/types';

/** A reload within this time shows the last successful check instead of asking Tavus again. */
export const CHECK_TTL_MS = 5 * 60_000;
const STORAGE_KEY = 'awaknow.persona-check';

export type CheckFailureKind = 'bad_key' | 'persona_not_found' | 'network' | 'sign_in' | 'other';

export interface CheckFailure {
  kind: CheckFailureKind;
  /** Short and exact, for the header: what went wrong and the answer Tavus gave. */
  message: string;
}

type ServicesForCheck = Pick<Services, 'config' | 'tavus'> & Partial<Pick<Services, 'sessions'>>;

/** The cache is only good for the settings it was made with. */
function cacheKey(config: Services['config']): string {
  const { mode, personaId, replicaId, baseUrl } = config.tavus;
  return `${mode}|${baseUrl}|${personaId}|${replicaId}`;
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage disabled by the browser: check every time
  }
}

export function readCachedCheck(config: Services['config'], now = Date.now()): PersonaCheck | undefined {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const entry = JSON.parse(raw) as { key?: string; at?: number; check?: PersonaCheck };
    if (entry.key !== cacheKey(config) || typeof entry.at !== 'number' || !entry.check) return undefined;
    if (now - entry.at > CHECK_TTL_MS || entry.at > now) return undefined;
    return entry.check;
  } catch {
    return undefined;
  }
}

export function writeCachedCheck(config: Services['config'], check: PersonaCheck, now = Date.now()): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify({ key: cacheKey(config), at: now, check }));
  } catch {
    // a full or disabled storage only costs a second check
  }
}

export function clearCachedCheck(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // nothing cached
  }
}

/** Asks Tavus (or, in proxy mode, the server) whether the configured persona exists. */
export async function checkPersona(services: ServicesForCheck): Promise<PersonaCheck> {
  const gateway = services.sessions ? await services.sessions() : undefined;
  if (gateway?.verifyPersona) return gateway.verifyPersona();
  const { personaId, replicaId } = services.config.tavus;
  const persona = await (await services.tavus()).personas.get(personaId);
  return {
    personaId,
    ...(persona.persona_name ? { personaName: persona.persona_name } : {}),
    replicaId: replicaId ?? persona.default_replica_id ?? undefined,
  };
}

/** Names the failure the way the person fixing it thinks of it: bad key, persona not found, network. */
export function classifyCheckFailure(error: unknown, config: Services['config']): CheckFailure {
  const { code, status, message } = (error ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
  const said = typeof message === 'string' && message ? message : String(error);
  const where = config.tavus.mode === 'proxy' ? 'the TAVUS_API_KEY secret of the tavus function' : 'VITE_TAVUS_API_KEY';
  if (code === 'not_authenticated') return { kind: 'sign_in', message: 'sign in to check the persona' };
  if (code === 'invalid_api_key' || status === 401 || status === 403) {
    return { kind: 'bad_key', message: `bad API key: Tavus refused it (${said}); check ${where}` };
  }
  if (code === 'not_found' || status === 404 || (code === 'invalid_request' && /persona/i.test(said))) {
    return {
      kind: 'persona_not_found',
      message: `persona not found: ${config.tavus.personaId} is not on this Tavus account (${said}); check VITE_TAVUS_PERSONA_ID`,
    };
  }
  if (code === 'connection_error' || code === 'timeout' || (error instanceof TypeError && /fetch|network/i.test(said))) {
    return { kind: 'network', message: `network: Tavus could not be reached (${said})` };
  }
  return { kind: 'other', message: `${typeof code === 'string' ? `${code}: ` : ''}${said}` };
}
