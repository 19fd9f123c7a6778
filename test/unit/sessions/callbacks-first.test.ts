import { createClientSessions } from '@/lib/sessions/client';
import { endAfterSimulatorCallbacks } from '@/lib/sessions/callbacks-first';
import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator } from '@/lib/tavus/simulator';
import { embeddedDbForFile, tavusConfig } from './harness';

const data = embeddedDbForFile();

beforeEach(async () => {
  await data.reset('growth');
});
afterEach(() => {
  vi.useRealTimers();
});

/** Mock mode with local data: the simulator calls the embedded database back; `wrapped` as the composition root wires it. */
function world(wrapped: boolean) {
  const db = data.db();
  const simulator = createTavusSimulator({
    callbacks: { deliver: (envelope) => db.recordTavusCallback({ ...envelope }).then(() => undefined) },
  });
  const tavus = createTavusClient({
    baseUrl: 'https://simulator.tavus.local',
    apiKey: 'mock',
    fetch: simulator.fetch,
    sleep: async () => {},
  });
  const client = createClientSessions({
    db,
    tavus,
    config: tavusConfig({ callbackUrl: 'https://simulator.tavus.local/callbacks/embedded-database' }),
  });
  return { db, simulator, sessions: wrapped ? endAfterSimulatorCallbacks(client, async () => simulator) : client };
}

/** A call whose tab closed 90 s in, ended by a later load five minutes after that. */
async function endedLater(wrapped: boolean) {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true }); // PGlite's now() follows Date
  const w = world(wrapped);
  const { session, meetingToken } = await w.sessions.start({ sessionType: 'reflect_alone' });
  expect(w.simulator.room.joined(session.tavus_conversation_id!, meetingToken)).toBe(true); // a private room
  await new Promise((resolve) => setTimeout(resolve, 0)); // the simulator's own look at load has run
  vi.setSystemTime(Date.now() + 90_000);
  w.simulator.room.left(session.tavus_conversation_id!);
  vi.setSystemTime(Date.now() + 5 * 60_000);
  return w.sessions.end(session.id, 'tab_closed');
}

describe('an end in mock mode with local data', () => {
  it('first lets the simulator call back a shutdown Tavus would have made: charged to the leave plus 60 s', async () => {
    const ended = await endedLater(true);
    expect(ended).toMatchObject({ status: 'ended', shutdown_reason: 'participant_left_timeout reached' });
    expect(ended.seconds_used).toBeGreaterThanOrEqual(150);
    expect(ended.seconds_used).toBeLessThanOrEqual(152);
    expect((await data.subscription()).tavus_seconds_used).toBe(ended.seconds_used);
  });

  it('the browser gateway alone charges up to the end it is asked for, five minutes late', async () => {
    const ended = await endedLater(false);
    expect(ended.end_reason).toBe('tab_closed');
    expect(ended.seconds_used).toBeGreaterThanOrEqual(390);
  });
});

describe('the partner of a session together', () => {
  it("ends through the same first look at the simulator's owed callbacks, and the rest of the gateway is kept", async () => {
    const order: string[] = [];
    const gateway = {
      callTransport: 'simulated',
      start: async () => {
        throw new Error('not used');
      },
      end: async () => {
        throw new Error('not used');
      },
      together: {
        createInvite: async () => {
          throw new Error('not used');
        },
        redeem: async () => {
          throw new Error('not used');
        },
        end: async (sessionId: string, reason?: string) => {
          order.push(`end ${sessionId} ${reason}`);
          return { session: { id: sessionId } };
        },
      },
    } as unknown as Parameters<typeof endAfterSimulatorCallbacks>[0];
    const wrapped = endAfterSimulatorCallbacks(gateway, async () => ({ flushCallbacks: async () => void order.push('flush') }));
    expect(wrapped.together!.redeem).toBe(gateway.together!.redeem);
    await wrapped.together!.end('s1', 'partner_left');
    expect(order).toEqual(['flush', 'end s1 partner_left']);
  });
});
