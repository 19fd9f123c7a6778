import type { Services } from '@/lib/services';
import { DbError } from '@/lib/db/errors';
import { catalogueEntry, forMode, UNKNOWN_ERROR, waitAdvice } from '@/lib/error-catalogue';
import { TavusError } from '@/lib/tavus/errors';

/** A failure in words: what happened, and what the person can do about it. */
export interface ErrorWords {
  title: string;
  advice: string;
  /** The service's own message, when it adds something. */
  detail?: string | undefined;
}

interface CodedError {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  retryAfterMs?: unknown;
}

type Mode = Services['config']['tavus']['mode'];

/**
 * Maps the Tavus client's typed errors and the database's DbError to the error catalogue's words
 * (src/lib/error-catalogue.ts), with the studio's advice where it has its own. Unknown failures
 * keep their message: hiding it would leave nothing to act on.
 */
export function describeError(error: unknown, mode: Mode = 'direct'): ErrorWords {
  const e: CodedError = typeof error === 'object' && error !== null ? (error as CodedError) : { message: String(error) };
  // Tavus's own words when it said something; otherwise the client's sentence (it names the call)
  const said = error instanceof TavusError ? error.serverMessage : undefined;
  const detail = said ?? (typeof e.message === 'string' && e.message ? e.message : undefined);
  const status = typeof e.status === 'number' ? e.status : undefined;

  if (status === 422)
    return {
      title: 'Tavus refused the change as invalid.',
      advice: 'Check the highlighted values (tools and settings must be valid JSON of the right shape), then save again.',
      detail,
    };
  // a Tavus answer that reached us without a code of ours (a gateway page, say) is judged by its status
  const code = catalogueEntry(e.code) ? e.code : status === 401 ? 'invalid_api_key' : status === 402 ? 'out_of_credits' : undefined;
  const entry = catalogueEntry(code);
  if (!entry) return { ...UNKNOWN_ERROR, detail };
  const title = forMode(entry.title, mode);
  const advice = code === 'rate_limited' ? waitAdvice(e.retryAfterMs) : forMode(entry.studio ?? entry.advice, mode);
  // a DbError's message repeats the catalogue's sentence: only what the database added is detail
  if (error instanceof DbError) return { title, advice, detail: error.detail };
  return { title, advice, detail };
}

/** One sentence, for a row's stored sync error. */
export function errorSentence(error: unknown, mode?: Mode): string {
  const { title, advice, detail } = describeError(error, mode);
  return [title, detail && detail !== title ? `(${detail})` : '', advice].filter(Boolean).join(' ');
}
