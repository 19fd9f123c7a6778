import type { Fault } from '@/lib/tavus/simulator';

export interface FaultForm {
  status: string;
  latencyMs: string;
  times: string;
  match: string;
}

export const FAULT_CHOICES = [
  ['', 'Normal answers'],
  ['401', '401: invalid API key'],
  ['402', '402: out of conversational credits'],
  ['concurrency', '400: too many concurrent conversations'],
  ['429', '429: rate limited'],
  ['500', '500: server error'],
  ['503', '503: unavailable'],
  ['network', 'No connection'],
  ['malformed', 'A response that matches no schema'],
] as const;

const wholeNumber = (text: string, name: string, min: number, max: number): number | string | undefined => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : `${name} must be a whole number from ${min} to ${max}.`;
};

/** The form as a simulator fault, or the reason it is not one. */
export function toFault(form: FaultForm): Fault | string {
  const latencyMs = wholeNumber(form.latencyMs, 'Latency', 0, 120_000);
  if (typeof latencyMs === 'string') return latencyMs;
  const times = wholeNumber(form.times, 'The number of requests', 1, 1000);
  if (typeof times === 'string') return times;
  const status =
    form.status === ''
      ? undefined
      : /^\d+$/.test(form.status)
        ? (Number(form.status) as Fault['status'])
        : (form.status as Fault['status']);
  if (status === undefined && latencyMs === undefined) return 'Choose an answer or a latency to apply.';
  return {
    ...(status !== undefined ? { status } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(times !== undefined ? { times } : {}),
    ...(form.match.trim() ? { match: form.match.trim() } : {}),
  };
}

export function describeFault(fault: Fault): string {
  const label = FAULT_CHOICES.find(([value]) => value === String(fault.status ?? ''))?.[1] ?? 'normal answers';
  const parts = [fault.status !== undefined ? label : 'normal answers'];
  if (fault.latencyMs) parts.push(`after ${fault.latencyMs} ms`);
  if (fault.match) parts.push(`for requests containing "${fault.match}"`);
  parts.push(fault.times ? `for the next ${fault.times} request${fault.times === 1 ? '' : 's'}` : 'until cleared');
  return parts.join(', ');
}
