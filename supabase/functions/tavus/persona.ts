import { json } from '../_shared/http.ts';
import { upstream, type PersonaFacts, type TavusDeps } from './deps.ts';

const TTL_MS = 60_000;

export async function personaFacts(deps: TavusDeps): Promise<PersonaFacts> {
  const cache = deps.personaCache;
  if (cache.facts && deps.now() < cache.expiresAt) return cache.facts;
  const { TAVUS_PERSONA_ID, TAVUS_REPLICA_ID } = deps.settings.require('TAVUS_PERSONA_ID', 'TAVUS_REPLICA_ID');
  // failures are not cached: the next request asks Tavus again
  const persona = await upstream(deps).getPersona(TAVUS_PERSONA_ID);
  const facts: PersonaFacts = {
    persona_id: persona.persona_id,
    persona_name: persona.persona_name ?? null,
    default_replica_id: persona.default_replica_id ?? null,
    replica_id: TAVUS_REPLICA_ID,
    verified: true,
  };
  cache.facts = facts;
  cache.expiresAt = deps.now() + TTL_MS;
  return facts;
}

/** GET /tavus/persona: public, so the header can show the persona before anyone signs in. */
export async function getPersona(deps: TavusDeps): Promise<Response> {
  return json(await personaFacts(deps));
}
