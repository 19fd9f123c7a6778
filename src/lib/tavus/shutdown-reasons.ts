/**
 * Tavus's `system.shutdown` reasons (docs.tavus.io, conversation callbacks) in words, for every page
 * that shows why a conversation ended. Tavus sends them as codes, sometimes followed by "reached"
 * (`max_call_duration reached`) and sometimes not (the docs' own example: `participant_left_timeout`).
 */
const SHUTDOWN_REASONS: Record<string, string> = {
  max_call_duration: 'the conversation reached its maximum call duration',
  participant_left_timeout: 'you left the call and Tavus closed it',
  participant_absent_timeout: 'nobody joined the call in time and Tavus closed it',
  end_conversation_endpoint_hit: 'the conversation was ended through Tavus',
  daily_room_has_been_deleted: "the call's room was deleted",
  bot_could_not_join_meeting_it_was_probably_ended: 'the replica could not join a call that had already ended',
  exception_encountered_during_conversation_startup: 'Tavus failed while starting the conversation',
};

/** The reason in words (lower case, to be put in a sentence), or null for a reason Tavus does not document. */
export function describeShutdownReason(reason: string | null | undefined): string | null {
  const code = reason?.trim().split(/\s+/)[0]?.toLowerCase();
  return code && Object.hasOwn(SHUTDOWN_REASONS, code) ? SHUTDOWN_REASONS[code]! : null;
}
