import type { Conversation, ConversationCreate, ConversationCreated, ConversationsResource, TavusErrorCode } from '../tavus/index.ts';
import type { SessionFields } from './options.ts';

/**
 * The start and end of a reflection session, written once for the browser (mock and direct modes)
 * and for the `tavus` edge function (proxy mode). Each side hands in two small sets of steps: the
 * database's (reserve, attach, fail, end) and the conversation's (create, end, list, stop). Every
 * step that fails undoes the ones before it: a failed start charges nothing and leaves no call
 * running. Relative imports with extensions: Deno bundles this file too.
 */

/** The properties every reflection conversation is created with; max_call_duration comes from the reservation. */
export const CONVERSATION_PROPERTIES = {
  participant_left_timeout: 60,
  participant_absent_timeout: 120,
  enable_closed_captions: true,
  language: 'english',
} as const;

/** What the sequence reads of a reserved session. */
export interface ReservedSession {
  id: string;
  conversation_name: string;
  max_call_duration: number;
}

export interface DatabaseSteps<S extends ReservedSession> {
  reserve(): Promise<S>;
  attach(session: S, conversation: ConversationCreated): Promise<S>;
  fail(session: S, why: string): Promise<unknown>;
}

export interface ConversationSteps {
  create(body: ConversationCreate): Promise<ConversationCreated>;
  end(conversationId: string): Promise<void>;
  /** The account's active conversations, newest first. */
  listActive(): AsyncIterable<Pick<Conversation, 'conversation_id' | 'conversation_name'>>;
}

/** The conversation steps of the app's own Tavus client. */
export function tavusConversationSteps(conversations: Pick<ConversationsResource, 'create' | 'end' | 'list'>): ConversationSteps {
  return {
    create: (body) => conversations.create(body),
    end: (conversationId) => conversations.end(conversationId),
    listActive: () => conversations.list({ status: 'active', limit: 50 }),
  };
}

export interface CallChoice<S> {
  personaId: string;
  replicaId?: string | undefined;
  /** Where Tavus sends the call's events; the server signs one per session. */
  callbackUrl?: string | ((session: S) => Promise<string>) | undefined;
  /** What the session's type and the user's options add to the create body (options.ts). */
  fields?: SessionFields | undefined;
}

export interface SequenceOptions {
  /** Cleanup failures are reported here; they never hide the failure that caused the cleanup. */
  log?: (message: string, data?: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Whether Tavus may have created the conversation although the create failed. Only a refusal means
 * nothing exists; a timeout, an aborted or dropped request, a server error or an answer we could not
 * read may hide a call that is running and billed. Keyed by every Tavus code, so a new one needs a verdict.
 */
const REFUSED: Record<TavusErrorCode, boolean> = {
  invalid_api_key: true,
  permission_denied: true,
  out_of_credits: true,
  concurrency_limit: true,
  not_found: true,
  invalid_request: true,
  rate_limited: true,
  server_error: false,
  connection_error: false,
  timeout: false,
  aborted: false,
  unexpected_response: false,
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function mayHaveCreated(error: unknown): boolean {
  const code = codeOf(error);
  return !(code !== undefined && Object.hasOwn(REFUSED, code) && REFUSED[code as TavusErrorCode]);
}

/** Tavus answers 404, or 400 for a conversation it has already ended: nothing is left running. */
export function isGone(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'not_found' || code === 'invalid_request';
}

/** `code: message`, as a failed session records it. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  return code ? `${code}: ${error.message}` : error.message;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tries `work` up to `attempts` times, waiting a little longer each time; `final` failures are not retried. */
export async function retry<T>(
  work: () => Promise<T>,
  attempts: number,
  options: { sleep?: (ms: number) => Promise<void>; final?: (error: unknown) => boolean } = {},
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || options.final?.(error)) throw error;
      await sleep(250 * attempt);
    }
  }
}

/** How far the search for a lost conversation looks: it is among the newest active ones. */
const SEARCH_LIMIT = 200;

/** The active conversation with this name, if a failed create left one behind. */
export async function findActiveConversation(conversations: ConversationSteps, conversationName: string): Promise<string | null> {
  let seen = 0;
  for await (const conversation of conversations.listActive()) {
    if (conversation.conversation_name === conversationName) return conversation.conversation_id;
    seen += 1;
    if (seen >= SEARCH_LIMIT) break;
  }
  return null;
}

export interface Started<S> {
  session: S;
  conversation: ConversationCreated;
}

/** Reserves, creates the conversation, attaches it; a failed step undoes the ones before and rethrows. */
export async function startSequence<S extends ReservedSession>(
  db: DatabaseSteps<S>,
  conversations: ConversationSteps,
  choice: CallChoice<S>,
  options: SequenceOptions = {},
): Promise<Started<S>> {
  const log = options.log ?? (() => undefined);
  const cleanup = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      log(`${what} failed`, { error: describeFailure(error) });
    }
  };
  // A starting session blocks every new start until it is closed: tried more than once, unless it is
  // no longer starting (the user ended it meanwhile) or gone.
  const release = (session: S, why: string) =>
    cleanup('releasing a reservation', () =>
      retry(() => db.fail(session, why.slice(0, 500)), 3, {
        ...options,
        final: (error) => ['session_not_starting', 'session_not_found'].includes(codeOf(error) ?? ''),
      }),
    );

  const session = await db.reserve();
  let conversation: ConversationCreated;
  try {
    const callbackUrl = typeof choice.callbackUrl === 'function' ? await choice.callbackUrl(session) : choice.callbackUrl;
    conversation = await conversations.create({
      persona_id: choice.personaId,
      ...(choice.replicaId ? { replica_id: choice.replicaId } : {}),
      conversation_name: session.conversation_name,
      ...(callbackUrl ? { callback_url: callbackUrl } : {}),
      // a private room, for every session: its URL alone admits nobody, the meeting_token in the
      // answer does (kept by the database with the session, for the host and a session's partner)
      require_auth: true,
      ...choice.fields?.body,
      properties: { max_call_duration: session.max_call_duration, ...CONVERSATION_PROPERTIES, ...choice.fields?.properties },
    });
  } catch (error) {
    if (mayHaveCreated(error)) {
      await cleanup('ending a lost conversation', async () => {
        const lost = await findActiveConversation(conversations, session.conversation_name);
        if (lost) await conversations.end(lost);
      });
    }
    await release(session, `conversation_create_failed: ${describeFailure(error)}`);
    throw error;
  }

  try {
    return { session: await db.attach(session, conversation), conversation };
  } catch (error) {
    // credits run from creation: a conversation nobody recorded is ended before anything else
    await cleanup('ending a conversation during cleanup', () =>
      retry(() => conversations.end(conversation.conversation_id), 2, { ...options, final: isGone }),
    );
    await release(session, `attach_failed: ${describeFailure(error)}`);
    throw error;
  }
}

export interface EndSteps<S> {
  /** Ends and charges the session (ending it again changes nothing). */
  end(): Promise<S>;
  /** Stops the call the ended session held, if any; resolves once Tavus confirms. */
  stopCall(session: S): Promise<void>;
}

/**
 * Ends the session, then its call. The session ends whatever Tavus says; a stop Tavus did not
 * confirm is handed back (a call already over counts as stopped), and ending again is safe.
 */
export async function endSequence<S>(steps: EndSteps<S>): Promise<{ session: S; unconfirmed?: unknown }> {
  const session = await steps.end();
  try {
    await steps.stopCall(session);
    return { session };
  } catch (error) {
    return isGone(error) ? { session } : { session, unconfirmed: error ?? new Error('failed') };
  }
}
