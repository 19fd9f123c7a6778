import { conversationsResource, type ConversationsResource } from './resources/conversations.ts';
import { documentsResource, type DocumentsResource } from './resources/documents.ts';
import { guardrailsResource, type GuardrailsResource } from './resources/guardrails.ts';
import { objectivesResource, type ObjectivesResource } from './resources/objectives.ts';
import { personasResource, type PersonasResource } from './resources/personas.ts';
import { replicasResource, type ReplicasResource } from './resources/replicas.ts';
import { createTransport, type TavusClientOptions, type TransportOptions } from './transport.ts';

export type { TavusClientOptions } from './transport.ts';

export interface TavusClient {
  personas: PersonasResource;
  conversations: ConversationsResource;
  replicas: ReplicasResource;
  objectives: ObjectivesResource;
  guardrails: GuardrailsResource;
  documents: DocumentsResource;
}

function checkOptions(options: TavusClientOptions): void {
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new TypeError(`Tavus baseUrl "${options.baseUrl}" is not a full http(s) URL, such as https://tavusapi.com.`);
  }
  if (/\/v2\/?$/.test(url.pathname)) {
    throw new TypeError(`Tavus baseUrl "${options.baseUrl}" ends with /v2: leave it out, the client adds /v2/... to each path.`);
  }
  for (const [name, value, min] of [
    ['timeoutMs', options.timeoutMs, 1],
    ['maxRetries', options.maxRetries, 0],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new TypeError(`Tavus ${name} must be a whole number of at least ${min} (got ${String(value)}).`);
    }
  }
}

export function createTavusClient(options: TavusClientOptions): TavusClient {
  checkOptions(options);
  const request = createTransport(options satisfies TransportOptions);
  return {
    personas: personasResource(request),
    conversations: conversationsResource(request),
    replicas: replicasResource(request),
    objectives: objectivesResource(request),
    guardrails: guardrailsResource(request),
    documents: documentsResource(request),
  };
}

export * from './errors.ts';
export * from './schemas.ts';
export { diffToJsonPatch } from './json-patch.ts';
export { PagePromise, type Page } from './pagination.ts';
export { RETRY_BASE_MS, RETRY_CAP_MS, MAX_RETRY_AFTER_MS, isRetryable, retryDelayMs } from './retry.ts';
export type { RequestOptions } from './transport.ts';
export type { ConversationsResource, DocumentsResource, GuardrailsResource, ObjectivesResource, PersonasResource, ReplicasResource };
export type { PatchableResource } from './resources/patchable.ts';
