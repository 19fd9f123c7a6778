import { reflectOnProblem } from '../rules.ts';
import { recordingProperties, type RecordingTarget } from '../recording.ts';
import { DEFAULT_LANGUAGE, isTavusLanguage, type TavusLanguage } from '../tavus/languages.ts';
import type { ConversationCreate, ConversationProperties } from '../tavus/resources/conversations.schema.ts';
import { togetherConversation, type Together } from './together.ts';

/**
 * What the user chooses for one session on the start page, carried unchanged through the gateway
 * (and, in proxy mode, to the server, which checks it again) into the conversation's create body.
 * Nothing here is billed: the server still decides the persona, the duration and the rest.
 * Relative imports with extensions: Deno bundles this file too.
 */
export interface SessionOptions {
  /** What the user wants to reflect on (REFLECT_ON rule in rules.ts); empty or absent for none. */
  reflectOn?: string;
  /** The conversation's language, from Tavus's documented list (default english). */
  language?: TavusLanguage;
  /** The user agreed to this session being recorded (asked only where the operator turned recording on). */
  record?: boolean;
}

/** Why the options cannot start a session, or null when they can. */
export function sessionOptionsProblem(options: SessionOptions): string | null {
  if (options.reflectOn !== undefined) {
    const problem = reflectOnProblem(options.reflectOn);
    if (problem) return problem;
  }
  if (options.record !== undefined && typeof options.record !== 'boolean') return 'Whether to record must be true or false.';
  if (options.language !== undefined && !isTavusLanguage(options.language))
    return `${String(options.language).slice(0, 40)} is not a language Tavus holds conversations in.`;
  return null;
}

const TYPE_CONTEXT = {
  reflect_alone:
    'This is a one-to-one reflection session. Guide the person gently: ask open questions, reflect back what you hear, and let them set the pace.',
  resolve_together: 'This is a "Resolve together" session: a guided conversation meant for two people working something out together.',
} as const;

export type SessionKind = keyof typeof TYPE_CONTEXT;

/** The user's memory setting for the session's persona (the settings' memory_enabled and memory_generation). */
export interface MemoryChoice {
  enabled: boolean;
  generation: number;
  userId: string;
  personaId: string;
}

/**
 * The Tavus memory store of a user with a persona, as the Memories docs name them ("anna_p123": the
 * participant and the persona's id, values that never change), with the generation: memory turned
 * off and on again moves to a new store, so the replica starts afresh.
 */
export function memoryStoreName(userId: string, personaId: string, generation: number): string {
  return `${userId}_${personaId}_g${generation}`;
}

/** The greeting when the user named nothing to reflect on (the simulated replica's first line too). */
export const PLAIN_GREETING = 'Welcome. Let us take a slow breath together. What would you like to reflect on today?';

/** The fields of the create body that depend on the session's type and options. */
export interface SessionFields {
  body: Pick<ConversationCreate, 'conversational_context' | 'custom_greeting' | 'memory_stores' | 'max_participants'>;
  properties: Pick<
    ConversationProperties,
    'language' | 'enable_recording' | 'recording_s3_bucket_name' | 'recording_s3_bucket_region' | 'aws_assume_role_arn'
  >;
}

/**
 * The create body's fields for this session: the conversational_context and custom_greeting (the
 * type's guidance, or for a session together the one for two people naming the host, and the user's
 * topic quoted as theirs, so the replica reads it as what they said, not as an instruction), the
 * memory store, the language. Recording needs both the operator's target and the user's yes:
 * without either, the conversation is not recorded.
 */
export function sessionFields(
  sessionType: SessionKind,
  options: SessionOptions = {},
  memory: MemoryChoice | null = null,
  recording: RecordingTarget | undefined = undefined,
  together: Together | undefined = undefined,
): SessionFields {
  const topic = options.reflectOn?.trim() ?? '';
  const group = together ? togetherConversation(together) : null;
  const who = together ? together.hostName : 'They';
  const said = topic ? ` ${who} said they would like to reflect on: "${topic}".` : '';
  const context = `${group ? group.conversational_context : TYPE_CONTEXT[sessionType]}${said}`;
  const greeting = group
    ? group.custom_greeting
    : topic
      ? `Welcome. You would like to reflect on ${JSON.stringify(topic)}. Let us take a slow breath together; where would you like to begin?`
      : PLAIN_GREETING;
  return {
    body: {
      // A session together's room is private too (require_auth, set by the start sequence): the
      // database keeps the host's meeting_token and hands it to the partner who redeemed the invite.
      ...(group ? { max_participants: group.max_participants } : {}),
      conversational_context: context,
      custom_greeting: greeting,
      // no memory in a session together: the host's own sessions must not be recalled in front of the partner
      ...(memory?.enabled && !group ? { memory_stores: [memoryStoreName(memory.userId, memory.personaId, memory.generation)] } : {}),
    },
    properties: {
      language: options.language ?? DEFAULT_LANGUAGE,
      ...(recording && options.record === true ? recordingProperties(recording) : {}),
    },
  };
}
