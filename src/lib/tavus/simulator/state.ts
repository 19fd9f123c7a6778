import { z } from 'zod';

/**
 * The simulator's whole state: plain JSON, so it can live in localStorage and be shared by tabs.
 * `value` holds the fields Tavus shows; the other fields drive behaviour over time.
 */
export interface Entity {
  seq: number;
  createdMs: number;
  updatedMs: number;
  value: Record<string, unknown>;
  /** Conversations: when max_call_duration runs out. */
  endsAtMs?: number;
  endedMs?: number;
  shutdownReason?: string;
  /** Conversations: when someone first joined the call, and when the last one left it. */
  joinedMs?: number;
  leftMs?: number;
  /** Conversations: who is in the call now. */
  present?: string[];
  /** Replicas and documents: when the current training or processing finishes. */
  doneAtMs?: number;
  startedMs?: number;
  /** Documents: the last recrawl request (Tavus allows one an hour). */
  lastRecrawlMs?: number;
  /** Conversations: what was said in the call, for the transcript callback. */
  turns?: Array<{ role: 'user' | 'assistant'; content: string }>;
  /** Conversations: the callback events already sent (each is sent once, by whichever tab sees it due). */
  sent?: string[];
}

export const KINDS = ['personas', 'conversations', 'replicas', 'objectives', 'guardrails', 'documents'] as const;
export type Kind = (typeof KINDS)[number];

export interface SimState {
  version: 1;
  seq: number;
  tables: Record<Kind, Record<string, Entity>>;
}

const entitySchema = z.looseObject({
  seq: z.number(),
  createdMs: z.number(),
  updatedMs: z.number(),
  value: z.record(z.string(), z.unknown()),
});
const stateSchema = z.object({
  version: z.literal(1),
  seq: z.number(),
  // An enum-keyed record requires every table to be there.
  tables: z.record(z.enum(KINDS), z.record(z.string(), entitySchema)),
});

/** Parses stored state; anything unreadable gives undefined (and the caller seeds afresh). */
export function readState(text: string | null): SimState | undefined {
  if (!text) return undefined;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as SimState) : undefined;
  } catch {
    return undefined;
  }
}

export function emptyState(): SimState {
  return { version: 1, seq: 0, tables: Object.fromEntries(KINDS.map((kind) => [kind, {}])) as SimState['tables'] };
}

export function insert(
  state: SimState,
  kind: Kind,
  id: string,
  now: number,
  value: Record<string, unknown>,
  extra: Partial<Entity> = {},
): Entity {
  const entity: Entity = { seq: ++state.seq, createdMs: now, updatedMs: now, value, ...extra };
  state.tables[kind][id] = entity;
  return entity;
}

/** Newest first, as Tavus lists. */
export function newestFirst(table: Record<string, Entity>): [string, Entity][] {
  return Object.entries(table).sort(([, a], [, b]) => b.seq - a.seq);
}

const hex = (length: number) => {
  const bytes = new Uint8Array(Math.ceil(length / 2));
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
};

/** Tavus-shaped ids: a type letter then 11 lowercase hex characters (`p7e13c73f41f`). */
export function newId(prefix: 'p' | 'c' | 'r' | 'o' | 'g' | 'd'): string {
  return prefix + hex(11);
}

export function newToken(): string {
  return hex(40);
}

export const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Drops undefined fields so stored values compare and serialise cleanly. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
