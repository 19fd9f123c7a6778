import { z } from 'zod';
import { TAVUS_BODIES, json } from './http.ts';

export const faultSchema = z.strictObject({
  /** Delay before answering (real time), to show spinners and exercise timeouts. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /**
   * Answer like Tavus does in trouble: 401, 402, 429 (with Retry-After), 500, 503,
   * 'concurrency' (the 400 for too many calls), 'network' (fetch rejects, as when offline),
   * 'malformed' (200 with a body matching no schema, as after an API change).
   */
  status: z
    .union([
      z.literal(401),
      z.literal(402),
      z.literal(429),
      z.literal(500),
      z.literal(503),
      z.literal('concurrency'),
      z.literal('network'),
      z.literal('malformed'),
    ])
    .optional(),
  /** How many matching requests to affect; unlimited when left out. */
  times: z.number().int().min(1).optional(),
  /** Only requests whose `METHOD /path?query` contains this text. */
  match: z.string().min(1).optional(),
  /** Retry-After sent with 429 and 503 (seconds). */
  retryAfterSeconds: z.number().min(0).optional(),
});
export type Fault = z.input<typeof faultSchema>;

export interface Faults {
  /** Replaces the current fault. */
  set(fault: Fault): void;
  clear(): void;
  readonly current: Fault | undefined;
}

export interface FaultController extends Faults {
  /** The fault to apply to this request (counting it against `times`), if any. */
  take(target: string): Fault | undefined;
}

export function createFaults(): FaultController {
  let current: (Fault & { remaining?: number }) | undefined;
  return {
    set(fault) {
      const parsed = faultSchema.safeParse(fault);
      if (!parsed.success) throw new TypeError(`Invalid simulator fault: ${z.prettifyError(parsed.error)}`);
      current = { ...parsed.data, remaining: parsed.data.times };
    },
    clear() {
      current = undefined;
    },
    get current() {
      if (!current) return undefined;
      const { remaining, ...fault } = current;
      return { ...fault, ...(remaining === undefined ? {} : { times: remaining }) };
    },
    take(target) {
      if (!current || (current.match && !target.includes(current.match))) return undefined;
      const fault = current;
      if (fault.remaining !== undefined && --fault.remaining <= 0) current = undefined;
      return fault;
    },
  };
}

/** The answer for a fault's status, or undefined for latency only. `network` is thrown by the caller. */
export function faultResponse(fault: Fault): Response | undefined {
  const retryAfter = { 'retry-after': String(fault.retryAfterSeconds ?? 1) };
  switch (fault.status) {
    case 401:
      return json(401, TAVUS_BODIES.invalidAccessToken);
    case 402:
      return json(402, TAVUS_BODIES.outOfCredits);
    case 429:
      return json(429, TAVUS_BODIES.tooManyRequests, retryAfter);
    case 500:
      return json(500, TAVUS_BODIES.serverError);
    case 503:
      return json(503, TAVUS_BODIES.unavailable, fault.retryAfterSeconds === undefined ? {} : retryAfter);
    case 'concurrency':
      return json(400, TAVUS_BODIES.concurrency);
    case 'malformed':
      return json(200, { data: 'unexpected', total_count: 'many', persona_id: 42, conversation_id: 42 });
    default:
      return undefined;
  }
}
