import type { TavusClient } from '@/lib/tavus';
import { describeError } from '../shared/describe-error';

/**
 * The free wiring check: the key, the persona and a conversation created with `test_mode: true`
 * (Tavus creates it, the replica never joins, it ends at once and costs nothing). No session is
 * reserved, so nothing is charged or shown in anyone's history. Each step says in words what it
 * found; a failed step ends the check, since the ones after it depend on it.
 */
export interface WiringStep {
  step: 'key' | 'persona' | 'conversation' | 'callbacks';
  ok: boolean;
  words: string;
}

export interface WiringSetup {
  personaId: string;
  replicaId?: string | undefined;
  /** Where the app's sessions send their callbacks, when the browser knows (direct mode). */
  callbackUrl?: string | undefined;
  mode: 'mock' | 'direct' | 'proxy';
  now?: () => Date;
}

const failed = (step: WiringStep['step'], what: string, error: unknown, mode: WiringSetup['mode']): WiringStep => {
  const words = describeError(error, mode);
  return { step, ok: false, words: `${what} ${words.title} ${words.advice}`.trim() };
};

/** Where a callback URL points, without its query (which carries the webhook's token). */
const place = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
};

export async function runWiringCheck(tavus: TavusClient, setup: WiringSetup): Promise<WiringStep[]> {
  const steps: WiringStep[] = [];
  try {
    await tavus.personas.list({ limit: 1 });
    steps.push({ step: 'key', ok: true, words: 'Key accepted: Tavus answered a request made with it.' });
  } catch (error) {
    return [failed('key', 'Key refused.', error, setup.mode)];
  }

  try {
    const persona = await tavus.personas.get(setup.personaId);
    steps.push({ step: 'persona', ok: true, words: `Persona found: ${persona.persona_name ?? 'unnamed'} (${setup.personaId}).` });
  } catch (error) {
    steps.push(failed('persona', `Persona ${setup.personaId} not usable.`, error, setup.mode));
    return steps;
  }

  let conversationId: string;
  try {
    const created = await tavus.conversations.create({
      persona_id: setup.personaId,
      ...(setup.replicaId ? { replica_id: setup.replicaId } : {}),
      conversation_name: `awaknow_wiring_check_${(setup.now?.() ?? new Date()).toISOString()}`,
      ...(setup.callbackUrl ? { callback_url: setup.callbackUrl } : {}),
      test_mode: true,
    });
    conversationId = created.conversation_id;
    const status = (await tavus.conversations.get(conversationId)).status;
    steps.push({
      step: 'conversation',
      ok: status === 'ended',
      words:
        status === 'ended'
          ? `Conversation created in test mode (${conversationId}) and ended at once: the replica never joined, nothing was billed.`
          : `Conversation ${conversationId} was created but is ${status ?? 'in an unknown state'}, not ended: end it in the list below.`,
    });
  } catch (error) {
    steps.push(failed('conversation', 'No test conversation could be created.', error, setup.mode));
    return steps;
  }

  steps.push(
    setup.callbackUrl
      ? {
          step: 'callbacks',
          ok: true,
          words: `Callback URL sent with it: ${place(setup.callbackUrl)}. A test conversation is never joined, so Tavus calls back only for real sessions: a session's record shows "Replica joined" when its callbacks arrive.`,
        }
      : setup.mode === 'proxy'
        ? {
            step: 'callbacks',
            ok: true,
            words: "Callbacks are the server's: each session gets its own signed URL of the tavus-webhook function (TAVUS_WEBHOOK_URL).",
          }
        : {
            step: 'callbacks',
            ok: false,
            words:
              'No callback URL is set (VITE_TAVUS_CALLBACK_URL): sessions will not hear when Tavus ends a call or sends its transcript.',
          },
  );
  return steps;
}
