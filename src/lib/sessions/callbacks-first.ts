import type { SessionGateway } from './types';

/**
 * Mock mode with local data: the simulator calls the embedded database back as Tavus calls the
 * webhook. Before this browser ends a session itself (the user's End, or a later load ending a
 * session whose tab was closed), the simulator first delivers what it owes: a call Tavus would have
 * shut down already, 60 s (participant_left_timeout) after a closed tab left it, is then recorded as
 * of that shutdown, and the end that follows finds the session ended instead of charging it up to
 * this later load.
 */
export function endAfterSimulatorCallbacks(
  gateway: SessionGateway,
  simulator: () => Promise<{ flushCallbacks(): Promise<void> }>,
): SessionGateway {
  return {
    ...gateway,
    async end(sessionId, reason) {
      await (await simulator()).flushCallbacks();
      return gateway.end(sessionId, reason);
    },
  };
}
