import { z } from 'zod';
import { serviceSessions } from '../_shared/db.ts';
import { ApiError, consoleLogger, describeIssue, json, readJson, toErrorResponse, type Logger } from '../_shared/http.ts';
import { loadSettings, type LoadedSettings } from '../_shared/settings.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { createTavusUpstream } from '../_shared/tavus.ts';
import { SHARED_SCOPE, sessionScope, verifyWebhookToken } from '../_shared/webhook-token.ts';
import { envelopeSchema, isRecordedEvent, recordedEvents, storedEvent, type Envelope } from './envelope.ts';

/**
 * The `tavus-webhook` edge function: Tavus's callback_url. Deployed without Supabase's JWT check;
 * the token in the URL is the authentication. Order matters: the token is checked before the body
 * is read, and the body is checked before anything is written.
 */

// a transcript of an hour-long call runs to tens of kilobytes, and its first (system) turn carries
// the whole persona prompt (up to about 128K characters on hosted models); the whole body is
// bounded while it streams in, not each turn
const MAX_CALLBACK_BYTES = 4 * 1024 * 1024;

export interface WebhookDeps {
  settings: LoadedSettings;
  tavusFetch: typeof globalThis.fetch;
  supabaseFetch: typeof globalThis.fetch;
  log: Logger;
  /** The wait between retries of idempotent Tavus calls; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export function createWebhookDeps(env: Record<string, string | undefined>, overrides: Partial<WebhookDeps> = {}): WebhookDeps {
  return {
    settings: loadSettings(env),
    tavusFetch: (input, init) => fetch(input, init),
    supabaseFetch: (input, init) => fetch(input, init),
    log: consoleLogger,
    ...overrides,
  };
}

export async function handleTavusWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  try {
    return await handle(request, deps);
  } catch (error) {
    return toErrorResponse(error, deps.log);
  }
}

async function handle(request: Request, deps: WebhookDeps): Promise<Response> {
  if (request.method !== 'POST') {
    throw new ApiError(405, 'method_not_allowed', 'Tavus callbacks are POST requests.', { allow: 'POST' });
  }
  const settings = deps.settings.require('TAVUS_WEBHOOK_SECRET', 'SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY');

  const params = new URL(request.url).searchParams;
  const sessionId = params.get('session');
  const token = params.get('token') ?? '';
  if (sessionId !== null && !z.uuid().safeParse(sessionId).success) {
    throw new ApiError(401, 'invalid_token', 'The callback URL is not one this server made.');
  }
  const scope = sessionId === null ? SHARED_SCOPE : sessionScope(sessionId);
  const previous = deps.settings.values.TAVUS_WEBHOOK_PREVIOUS_SECRET;
  const valid =
    (await verifyWebhookToken(settings.TAVUS_WEBHOOK_SECRET, scope, token)) ||
    (previous !== undefined && (await verifyWebhookToken(previous, scope, token)));
  if (!valid) {
    deps.log('webhook refused: bad token', { session: sessionId });
    throw new ApiError(401, 'invalid_token', 'The callback URL is not one this server made.');
  }

  const envelope = parseEnvelope(await readJson(request, MAX_CALLBACK_BYTES));
  if (!isRecordedEvent(envelope.event_type)) {
    deps.log('webhook event ignored', { type: envelope.event_type, conversation: envelope.conversation_id });
    return json({ received: true, recorded: false, reason: `event type ${envelope.event_type} is not recorded` });
  }

  const db = serviceSessions(serviceClient(settings.SUPABASE_URL, settings.SUPABASE_SERVICE_ROLE_KEY, deps.supabaseFetch), deps.log);
  if (sessionId !== null) {
    const session = await db.byId(sessionId);
    if (!session) throw new ApiError(404, 'session_not_found', 'The session of this callback URL does not exist.');
    if (session.tavus_conversation_id === null) {
      return unattached(deps, envelope, session.conversation_name);
    }
    if (session.tavus_conversation_id !== envelope.conversation_id) {
      deps.log('webhook refused: conversation of another session', { session: sessionId, conversation: envelope.conversation_id });
      throw new ApiError(403, 'conversation_mismatch', 'This callback URL belongs to another conversation.');
    }
  }

  try {
    const session = await db.recordEvent(envelope.conversation_id, storedEvent(envelope));
    return json({ received: true, recorded: true, session_id: session.id, status: session.status });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'session_not_found') return unattached(deps, envelope, null);
    throw error;
  }
}

function parseEnvelope(body: unknown): Envelope {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(400, 'invalid_event', `${describeIssue(parsed.error.issues)}. Nothing was recorded.`);
  const envelope = parsed.data;
  if (isRecordedEvent(envelope.event_type)) {
    const properties = recordedEvents[envelope.event_type].safeParse(envelope.properties ?? {});
    if (!properties.success) {
      const issues = properties.error.issues.map((issue) => ({ ...issue, path: ['properties', ...issue.path] }));
      throw new ApiError(400, 'invalid_event', `${describeIssue(issues)}. Nothing was recorded.`);
    }
  }
  return envelope;
}

/**
 * A conversation no session has recorded (its start failed before attach, or the callback came
 * first). Tavus is asked whether it exists, so a forged id is told apart from a real one; either
 * way nothing is written.
 */
async function unattached(deps: WebhookDeps, envelope: Envelope, expectedName: string | null): Promise<Response> {
  const { TAVUS_API_KEY, TAVUS_BASE_URL } = deps.settings.require('TAVUS_API_KEY', 'TAVUS_BASE_URL');
  const tavus = createTavusUpstream({
    baseUrl: TAVUS_BASE_URL,
    apiKey: TAVUS_API_KEY,
    fetch: deps.tavusFetch,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const conversation = await tavus.getConversation(envelope.conversation_id).catch((error: unknown) => {
    if (error instanceof ApiError && ['not_found', 'invalid_request'].includes(error.code)) return null;
    throw error;
  });
  if (!conversation || (expectedName !== null && conversation.conversation_name !== expectedName)) {
    deps.log('webhook refused: unknown conversation', { conversation: envelope.conversation_id, type: envelope.event_type });
    throw new ApiError(404, 'conversation_not_found', 'Neither this app nor Tavus knows this conversation. Nothing was recorded.');
  }
  deps.log('webhook event for a conversation without a session', { conversation: envelope.conversation_id, type: envelope.event_type });
  return json({ received: true, recorded: false, reason: 'no session has recorded this conversation' }, 202);
}
