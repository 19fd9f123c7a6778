import type { Services } from '@/lib/services';
import { DbError } from '@/lib/db/errors';
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

const KEY_PLACE: Record<Services['config']['tavus']['mode'], string> = {
  mock: 'Mock mode needs no key: reload the page to reset the simulator.',
  direct: 'Check VITE_TAVUS_API_KEY in your .env file, then restart the dev server.',
  proxy: "Check the server's TAVUS_API_KEY secret of the tavus edge function.",
};

/**
 * Maps the Tavus client's typed errors (by code) and the database's DbError to words. Unknown
 * failures keep their message: hiding it would leave nothing to act on.
 */
export function describeError(error: unknown, mode: Services['config']['tavus']['mode'] = 'direct'): ErrorWords {
  const e: CodedError = typeof error === 'object' && error !== null ? (error as CodedError) : { message: String(error) };
  // Tavus's own words when it said something; otherwise the client's sentence (it names the call)
  const said = error instanceof TavusError ? error.serverMessage : undefined;
  const detail = said ?? (typeof e.message === 'string' && e.message ? e.message : undefined);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const words = (title: string, advice: string): ErrorWords => ({ title, advice, detail });

  if (status === 422) return words('Tavus refused the change as invalid.', 'Check the highlighted values (tools and settings must be valid JSON of the right shape), then save again.');
  switch (e.code) {
    case 'permission_denied':
      return words('Only administrators may manage Tavus from the studio.', 'Ask an administrator to give your account the admin role, then sign in again.');
    case 'invalid_api_key':
      return words('Tavus did not accept the API key.', KEY_PLACE[mode]);
    case 'out_of_credits':
      return words('The Tavus account is out of conversational credits.', 'Add credits in the Tavus dashboard, then retry.');
    case 'concurrency_limit':
      return words('The Tavus account has reached its limit of conversations at once.', 'End an active conversation (Studio, Conversations), then retry.');
    case 'not_found':
      return words('Tavus has no such item; it may have been deleted elsewhere.', 'Reload the list to see what exists now.');
    case 'invalid_request':
      return words('Tavus refused the request.', 'Correct the values it names, then try again.');
    case 'rate_limited': {
      const seconds = typeof e.retryAfterMs === 'number' ? Math.ceil(e.retryAfterMs / 1000) : undefined;
      return words('Tavus is receiving too many requests.', seconds ? `Wait ${seconds} seconds, then retry.` : 'Wait a minute, then retry.');
    }
    case 'server_error':
      return words('Tavus had a server error.', 'Try again in a minute; if it persists, check status.tavus.io.');
    case 'connection_error':
      return words(
        'Tavus could not be reached.',
        mode === 'proxy' ? 'Check your connection and that the tavus edge function is deployed, then retry.' : 'Check your connection, then retry.',
      );
    case 'timeout':
      return words('Tavus did not answer in time.', 'Retry; nothing was lost.');
    case 'aborted':
      return words('The request was cancelled.', 'Start it again when you are ready.');
    case 'unexpected_response':
      return words('Tavus answered in a shape this app does not understand.', 'Retry; if it persists, the API may have changed: report it with the detail below.');
    case 'persona_not_found':
      return words('This persona no longer exists here.', 'Reload the list.');
    case 'persona_already_linked':
      return words('That Tavus persona is already linked to another of your personas.', 'Open that persona instead, or delete the duplicate.');
  }
  if (error instanceof DbError) {
    // its message already says what to do
    return { title: 'The database refused the request.', advice: error.message, detail: error.detail };
  }
  if (status === 401) return words('Tavus did not accept the API key.', KEY_PLACE[mode]);
  if (status === 402) return words('The Tavus account is out of conversational credits.', 'Add credits in the Tavus dashboard, then retry.');
  return words('Something went wrong.', 'Try again; if it keeps failing, reload the page.');
}

/** One sentence, for a row's stored sync error. */
export function errorSentence(error: unknown, mode?: Services['config']['tavus']['mode']): string {
  const { title, advice, detail } = describeError(error, mode);
  return [title, detail && detail !== title ? `(${detail})` : '', advice].filter(Boolean).join(' ');
}
