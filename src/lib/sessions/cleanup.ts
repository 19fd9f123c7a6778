import type { TavusClient } from '@/lib/tavus';

/** Waits for a cleanup step and hands back its failure instead of throwing it: cleanup never hides the first error. */
export async function settle(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error ?? new Error('failed');
  }
}

export async function retry<T>(work: () => Promise<T>, attempts: number, delayMs = 250): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      last = error;
      if (attempt < attempts - 1) await new Promise((resolve) => setTimeout(resolve, delayMs * (attempt + 1)));
    }
  }
  throw last;
}

/**
 * A 4xx answer means Tavus refused the request, so nothing was created. Anything else (timeout,
 * dropped connection, 5xx, an answer we could not read) may hide a conversation that exists.
 */
export function mayHaveReachedTavus(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return !(typeof status === 'number' && status >= 400 && status < 500);
}

/** How far the search for a lost conversation looks: it is among the newest active ones. */
const SEARCH_LIMIT = 200;

/** Ends the active conversation with this name, if a failed create left one behind. */
export async function findAndEndConversation(tavus: TavusClient, conversationName: string): Promise<string | null> {
  let seen = 0;
  for await (const conversation of tavus.conversations.list({ status: 'active', limit: 50 })) {
    if (conversation.conversation_name === conversationName) {
      await tavus.conversations.end(conversation.conversation_id);
      return conversation.conversation_id;
    }
    seen += 1;
    if (seen >= SEARCH_LIMIT) break;
  }
  return null;
}
