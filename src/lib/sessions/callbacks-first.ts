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
  const owed = async () => (await simulator()).flushCallbacks();
  const together = gateway.together;
  return {
    ...gateway,
    async end(sessionId, reason) {
      await owed();
      return gateway.end(sessionId, reason);
    },
    // the partner's end of a session together, likewise
    ...(together
      ? {
          together: {
            ...together,
            async end(sessionId: string, reason?: string) {
              await owed();
              return together.end(sessionId, reason);
            },
          },
        }
      : {}),
  };
}
