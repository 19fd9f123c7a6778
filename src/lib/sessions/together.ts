import type { ConversationCreate } from '../tavus/index.ts';

/**
 * "Resolve together": what the replica is told about a conversation for two people. The host's name
 * is known when the conversation is created, the partner's only once they redeem the invite, so the
 * design is: the conversation starts with `max_participants` 3 (two people and the replica), a
 * context naming the host and saying a partner will join, and a greeting that welcomes the host and
 * says the partner is on their way; when the partner joins, the host's call sends Tavus's
 * `conversation.overwrite_llm_context` with the context naming both (togetherContext with the
 * partner), and the replica greets them. Relative imports: Deno bundles this file too.
 */

export interface Together {
  hostName: string;
  partnerName?: string | undefined;
}

/** Two people and the replica: Tavus counts the replica as a participant. */
export const TOGETHER_MAX_PARTICIPANTS = 3;

/** What the database accepts as a name (private.person_name): 1 to 60 characters, no control characters. */
export function checkPersonName(name: string): string | null {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length < 1 || trimmed.length > 60 || /[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return null;
  return trimmed;
}

export function togetherContext({ hostName, partnerName }: Together): string {
  const who = partnerName
    ? `Two people are in this conversation with you: ${hostName}, who invited the other, and ${partnerName}.`
    : `${hostName} has started this conversation and invited one other person, who will join shortly; until then, talk with ${hostName} alone.`;
  return [
    'This is a guided conversation for two people who want to resolve something together.',
    who,
    'Address each person by name. Give both the same room: after one speaks, ask the other how it lands with them.',
    'Reflect back what each has said without taking sides or judging; look for what they share, and close by asking',
    'for one small step they can agree on together.',
  ].join(' ');
}

export function togetherGreeting({ hostName }: Pick<Together, 'hostName'>): string {
  return `Hello ${hostName}, I am glad you are here. When the person you invited joins us, we will begin together.`;
}

/** What the replica says as the partner arrives, once it has been told who they are. */
export function togetherWelcome({ hostName, partnerName }: Required<Together>): string {
  return `Welcome, ${partnerName}. ${hostName} and ${partnerName}, thank you for being here together. Who would like to begin?`;
}

/** The fields of the create body that make a conversation one for two people. */
export function togetherConversation(
  people: Together,
): Required<Pick<ConversationCreate, 'max_participants' | 'conversational_context' | 'custom_greeting'>> {
  return {
    max_participants: TOGETHER_MAX_PARTICIPANTS,
    conversational_context: togetherContext({ hostName: people.hostName }),
    custom_greeting: togetherGreeting(people),
  };
}
