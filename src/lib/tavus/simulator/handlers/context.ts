import type { z } from 'zod';
import { summarizeIssues } from '../../schemas/common.ts';
import { badRequest } from '../http.ts';
import type { Entity, SimState } from '../state.ts';

export interface SimRequest {
  method: string;
  /** Path segments after `/v2/`, decoded. */
  segments: string[];
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
}

export interface SimSettings {
  maxConcurrentConversations: number;
  documentProcessingMs: number;
  replicaTrainingMs: number;
}

export interface SimContext {
  state: SimState;
  now: number;
  settings: SimSettings;
}

export type Handler = (req: SimRequest, ctx: SimContext) => Response;

/** Checks a body with the client's own schema; Tavus answers a bad body with 400 `{error}`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): { data: z.output<S> } | { response: Response } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { data: parsed.data } : { response: badRequest(summarizeIssues(parsed.error)) };
}

/** `limit` and `page` from the query; Tavus counts pages from 1, except documents from 0. */
export function paging(query: URLSearchParams, firstPage: 0 | 1): { limit: number; page: number } | { response: Response } {
  const limit = query.get('limit') === null ? 10 : Number(query.get('limit'));
  const page = query.get('page') === null ? firstPage : Number(query.get('page'));
  if (!Number.isInteger(limit) || limit < 1) return { response: badRequest('Invalid limit') };
  if (!Number.isInteger(page) || page < firstPage) return { response: badRequest('Invalid page') };
  return { limit, page };
}

export function slice<T>(items: T[], limit: number, pageIndex: number): T[] {
  return items.slice(pageIndex * limit, pageIndex * limit + limit);
}

export const exists = (table: Record<string, Entity>, id: unknown) => typeof id === 'string' && id in table;
