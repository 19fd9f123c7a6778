/**
 * Tavus's in-call event stream (Daily `app-message` payloads), written from Tavus's documentation,
 * not from this app's code. Taken 2026-12-01 from:
 * - https://docs.tavus.io/sections/event-schemas/conversation-utterance ("the user's utterance is sent
 *   when the replica begins speaking, and a separate event for the replica's utterance is also sent as
 *   the replica starts to speak"; the replica's holds the full LLM response, spoken or not)
 * - https://docs.tavus.io/api-reference/event-schemas/conversation-utterance-streaming (accumulated text,
 *   0-based `content_index` per inference, `final: true` on the last chunk, `is_interrupted: true` with
 *   only the spoken words; `seq`, `inference_id`, `turn_idx` beside `properties`; changelog of April 10:
 *   sent for both replica and user utterances, `properties.role`)
 * - https://docs.tavus.io/sections/event-schemas/conversation-replica-started-stopped-speaking (`duration`
 *   on stopped_speaking, may be null) and .../conversation-user-started-stopped-speaking
 * - https://docs.tavus.io/sections/event-schemas/conversation-replica-interrupted
 * and from how Tavus's official interviewer consumes them (Tavus-Engineering/tavus-interviewer 9a52ce0,
 * src/hooks/useUtteranceEvents.ts): the greeting comes as a single `conversation.utterance` with no
 * streaming, user rows are keyed by `turn_idx` while the `inference_id` changes within the turn.
 *
 * The call: the replica greets, the user answers by voice, the replica's reply is cut off when the user
 * speaks again, and the replica answers that.
 */
// a type, not an interface, so it passes wherever an open event object is expected
export type DocumentedEvent = {
  message_type: 'conversation';
  event_type: string;
  conversation_id: string;
  seq: number;
  turn_idx: number;
  inference_id?: string;
  properties: Record<string, unknown>;
};

const CONVERSATION = 'c123456';
const GREETING = 'Welcome. What would you like to reflect on today?';
const PLANNED = 'That sounds heavy. When did you first notice it, and what did you do with the feeling then?';
const SPOKEN = 'That sounds heavy. When did you';
const ANSWER = 'Thank you for telling me. What would help you most this week?';

type Step = Omit<DocumentedEvent, 'message_type' | 'conversation_id' | 'seq'>;

const steps: Step[] = [
  // turn 0: the greeting, as one utterance (no streaming), while the replica speaks
  { event_type: 'conversation.utterance', turn_idx: 0, inference_id: 'inf-greet', properties: { role: 'replica', speech: GREETING } },
  { event_type: 'conversation.replica.started_speaking', turn_idx: 0, inference_id: 'inf-greet', properties: {} },
  { event_type: 'conversation.replica.stopped_speaking', turn_idx: 0, inference_id: 'inf-greet', properties: { duration: 3.1 } },
  // turn 1: the user speaks; the speech recogniser revises with new inference ids inside the turn
  { event_type: 'conversation.user.started_speaking', turn_idx: 1, properties: {} },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 1,
    inference_id: 'inf-u1a',
    properties: { role: 'user', speech: 'Work has', content_index: 0, final: false },
  },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 1,
    inference_id: 'inf-u1b',
    properties: { role: 'user', speech: 'Work has been a lot', content_index: 0, final: true },
  },
  { event_type: 'conversation.user.stopped_speaking', turn_idx: 1, properties: { duration: 1.8 } },
  // the user's utterance and the replica's (the whole planned reply) as the replica starts to speak
  {
    event_type: 'conversation.utterance',
    turn_idx: 1,
    inference_id: 'inf-u1b',
    properties: { role: 'user', speech: 'Work has been a lot lately.' },
  },
  { event_type: 'conversation.utterance', turn_idx: 1, inference_id: 'inf-r1', properties: { role: 'replica', speech: PLANNED } },
  { event_type: 'conversation.replica.started_speaking', turn_idx: 1, inference_id: 'inf-r1', properties: {} },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 1,
    inference_id: 'inf-r1',
    properties: { role: 'replica', speech: 'That sounds heavy.', content_index: 0, final: false },
  },
  // turn 2: the user cuts in; the reply ends with only the words spoken
  { event_type: 'conversation.user.started_speaking', turn_idx: 2, properties: {} },
  { event_type: 'conversation.replica_interrupted', turn_idx: 1, inference_id: 'inf-r1', properties: {} },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 1,
    inference_id: 'inf-r1',
    properties: { role: 'replica', speech: SPOKEN, content_index: 1, final: true, is_interrupted: true },
  },
  {
    event_type: 'conversation.replica.stopped_speaking',
    turn_idx: 1,
    inference_id: 'inf-r1',
    properties: { duration: 1.2, interrupted: true },
  },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 2,
    inference_id: 'inf-u2',
    properties: { role: 'user', speech: 'Sorry, can I', content_index: 0, final: false },
  },
  // a chunk of the replica's cut reply that the network delivers late changes nothing
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 1,
    inference_id: 'inf-r1',
    properties: { role: 'replica', speech: 'That sounds heavy.', content_index: 0, final: false },
  },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 2,
    inference_id: 'inf-u2',
    properties: { role: 'user', speech: 'Sorry, can I say something first?', content_index: 1, final: true },
  },
  { event_type: 'conversation.user.stopped_speaking', turn_idx: 2, properties: { duration: 2.0 } },
  {
    event_type: 'conversation.utterance',
    turn_idx: 2,
    inference_id: 'inf-u2',
    properties: { role: 'user', speech: 'Sorry, can I say something first?' },
  },
  { event_type: 'conversation.utterance', turn_idx: 2, inference_id: 'inf-r2', properties: { role: 'replica', speech: ANSWER } },
  { event_type: 'conversation.replica.started_speaking', turn_idx: 2, inference_id: 'inf-r2', properties: {} },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 2,
    inference_id: 'inf-r2',
    properties: { role: 'replica', speech: 'Thank you for telling me.', content_index: 0, final: false },
  },
  {
    event_type: 'conversation.utterance.streaming',
    turn_idx: 2,
    inference_id: 'inf-r2',
    properties: { role: 'replica', speech: ANSWER, content_index: 1, final: true },
  },
  {
    event_type: 'conversation.replica.stopped_speaking',
    turn_idx: 2,
    inference_id: 'inf-r2',
    properties: { duration: 3.4, interrupted: false },
  },
];

export const DOCUMENTED_CALL: readonly DocumentedEvent[] = steps.map((step, index) => ({
  message_type: 'conversation',
  conversation_id: CONVERSATION,
  seq: index + 1,
  ...step,
}));

/** What a person in that call heard, by whom, once: the transcript the stream must give. */
export const HEARD = [
  { role: 'replica', text: GREETING },
  { role: 'user', text: 'Work has been a lot lately.' },
  { role: 'replica', text: SPOKEN, unsaid: 'first notice it, and what did you do with the feeling then?' },
  { role: 'user', text: 'Sorry, can I say something first?' },
  { role: 'replica', text: ANSWER },
] as const;
