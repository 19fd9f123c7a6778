import { z } from 'zod';
import { jsonPatchSchema, type JsonPatchOperation } from '../json-patch.ts';
import type { PagePromise } from '../pagination.ts';
import type { PatchResult } from '../schemas/common.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import {
  personaCreateSchema,
  personaCreatedSchema,
  personaGetResponseSchema,
  personaListParamsSchema,
  personaSchema,
  type Persona,
  type PersonaCreate,
  type PersonaCreated,
  type PersonaListParams,
} from './personas.schema.ts';
import { body, idPath, paginate, validate } from './shared.ts';

export interface PersonasResource {
  create(persona: PersonaCreate, options?: RequestOptions): Promise<PersonaCreated>;
  list(params?: PersonaListParams, options?: RequestOptions): PagePromise<Persona>;
  get(personaId: string, options?: RequestOptions): Promise<Persona>;
  /** JSON Patch (see diffToJsonPatch). `{ changed: false }` when Tavus says nothing changed (304). */
  update(personaId: string, patch: JsonPatchOperation[], options?: RequestOptions): Promise<PatchResult<Persona>>;
  delete(personaId: string, options?: RequestOptions): Promise<void>;
}

/** A PATCH answers with the persona, or with something else (often nothing): both mean "changed". */
const patchAnswerSchema = z.union([personaGetResponseSchema, z.unknown()]);

export function personasResource(request: Transport): PersonasResource {
  return {
    async create(persona, options) {
      const label = 'POST /v2/personas';
      const payload = validate(personaCreateSchema, persona, label);
      return body(await request({ method: 'POST', path: '/v2/personas', body: payload, schema: personaCreatedSchema }, options), label);
    },
    list(params, options) {
      return paginate(
        request,
        {
          path: '/v2/personas',
          item: personaSchema,
          paramsSchema: personaListParamsSchema,
          params,
          query: (p) => ({ persona_type: p.persona_type }),
        },
        options,
      );
    },
    async get(personaId, options) {
      const path = idPath('personas', personaId, 'GET /v2/personas/{persona_id}');
      return body(await request({ method: 'GET', path, schema: personaGetResponseSchema }, options), `GET ${path}`);
    },
    async update(personaId, patch, options) {
      const path = idPath('personas', personaId, 'PATCH /v2/personas/{persona_id}');
      const ops = validate(jsonPatchSchema, patch, `PATCH ${path}`);
      const result = await request({ method: 'PATCH', path, body: ops, schema: patchAnswerSchema, allowNotModified: true }, options);
      if (result.status === 304) return { changed: false };
      const parsed = personaSchema.safeParse(result.data);
      return { changed: true, data: parsed.success ? parsed.data : undefined };
    },
    async delete(personaId, options) {
      const path = idPath('personas', personaId, 'DELETE /v2/personas/{persona_id}');
      await request({ method: 'DELETE', path }, options);
    },
  };
}
