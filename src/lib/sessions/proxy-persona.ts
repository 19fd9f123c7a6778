import { z } from 'zod';
import type { PersonaCheck } from './types';

const personaAnswer = z.looseObject({
  persona_id: z.string(),
  persona_name: z.string().nullish(),
  default_replica_id: z.string().nullish(),
  replica_id: z.string().nullish(),
});
const errorAnswer = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().optional() }) });

/** A failure of the persona check, with the code the server (or the network) gave. */
export class PersonaCheckError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = 'PersonaCheckError';
    this.code = code;
    this.status = status;
  }
}

/**
 * Proxy mode's persona check: the `tavus` function answers with the persona its server-side settings
 * name, so any signed-in user (not only admins) sees whether it is live.
 */
export function checkPersonaThroughProxy(options: {
  functionsUrl: string;
  getAccessToken: () => Promise<string | null>;
  fetch?: typeof fetch;
}): () => Promise<PersonaCheck> {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return async () => {
    const token = await options.getAccessToken();
    let response: Response;
    try {
      response = await send(`${options.functionsUrl.replace(/\/+$/, '')}/tavus/persona`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch (error) {
      throw new PersonaCheckError('connection_error', `the tavus function could not be reached (${(error as Error).message})`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const failure = errorAnswer.safeParse(body);
      const code = failure.success ? failure.data.error.code : response.status === 401 ? 'not_authenticated' : 'server_error';
      throw new PersonaCheckError(
        code,
        failure.success ? (failure.data.error.message ?? code) : `HTTP ${response.status}`,
        response.status,
      );
    }
    const persona = personaAnswer.safeParse(body);
    if (!persona.success) throw new PersonaCheckError('unexpected_response', 'the tavus function answered without a persona');
    const replicaId = persona.data.replica_id ?? persona.data.default_replica_id;
    return {
      personaId: persona.data.persona_id,
      ...(persona.data.persona_name ? { personaName: persona.data.persona_name } : {}),
      ...(replicaId ? { replicaId } : {}),
    };
  };
}
