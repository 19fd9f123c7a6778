/**
 * Every request and response schema, for the studio's forms and the edge functions.
 * Request schemas are strict (unknown fields are errors); response schemas keep unknown fields.
 */
export * from './schemas/common.ts';
export * from './json-patch.ts';
export * from './resources/layers.schema.ts';
export * from './resources/personas.schema.ts';
export * from './resources/conversations.schema.ts';
export * from './resources/replicas.schema.ts';
export * from './resources/objectives.schema.ts';
export * from './resources/guardrails.schema.ts';
export * from './resources/documents.schema.ts';
