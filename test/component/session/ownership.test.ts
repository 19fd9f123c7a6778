import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { clearLeftNote, heldByAnotherTab, holdCall, noteLeft, readLeftNote } from '@/features/session/ownership';
import { inspectOpenSession, RETURN_WINDOW_MS, settleOpenSession, STALE_START_MS } from '@/features/session/resolve';
import { CONVERSATION_PROPERTIES } from '@/lib/sessions';

/** A LockManager shared by "tabs" of one origin: enough of the Web Locks API for ifAvailable requests. */
function fakeLocks() {
  const held = new Map<string, number>();
  let next = 0;
  const manager = {
    async request(name: string, _options: { ifAvailable: boolean }, callback: (lock: { name: string } | null) => unknown) {
      if (held.has(name)) return callback(null);
      held.set(name, (next += 1));
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
    async query() {
      return { held: [...held.keys()].map((name) => ({ name })), pending: [] };
    },
  };
  return manager;
}

const session = (over: Partial<Session> = {}): Session =>
  ({
    id: '11111111-1111-4111-8111-111111111111',
    status: 'active',
    started_at: new Date(Date.now() - 60_000).toISOString(),
    created_at: new Date(Date.now() - 61_000).toISOString(),
    max_call_duration: 600,
    tavus_conversation_id: 'c1',
    ...over,
  }) as Session;

function gateway() {
  const ends: Array<[string, string | undefined]> = [];
  const g: SessionGateway = {
    start: () => Promise.reject(new Error('no')),
    end: async (id, reason) => {
      ends.push([id, reason]);
      return session({ id, status: 'ended', end_reason: reason ?? null });
    },
  };
  return { g, ends };
}

beforeEach(() => {
  localStorage.clear();
  Object.defineProperty(navigator, 'locks', { value: fakeLocks(), configurable: true });
});

describe('which tab runs a call', () => {
  it('sees the call held by another tab, and free again once that tab lets go', async () => {
    const other = holdCall('s1');
    expect(await other.acquired).toBe(true);
    expect(await heldByAnotherTab('s1')).toBe(true);
    const mine = holdCall('s1', 2, 1);
    expect(await mine.acquired).toBe(false);
    other.release();
    await vi.waitFor(async () => expect(await heldByAnotherTab('s1')).toBe(false));
    const retry = holdCall('s1');
    expect(await retry.acquired).toBe(true);
    retry.release();
  });

  it('keeps a note of a tab that left mid-call, and forgets it', () => {
    noteLeft('s2', 'tab_closed');
    expect(readLeftNote('s2')).toMatchObject({ reason: 'tab_closed' });
    localStorage.setItem('awaknow.left.s3', '{"reason":"DROP TABLE","at":1}');
    expect(readLeftNote('s3')).toEqual({ reason: 'tab_closed', at: 0 }); // a bad note still means "left", with a safe code
    clearLeftNote('s2');
    expect(readLeftNote('s2')).toBeNull();
  });
});

/** What a page does on load: the read, then, when it found a session to end, the end as its own step. */
async function resolveOpenSession(found: Session | null, g: SessionGateway, now = Date.now()) {
  const state = await inspectOpenSession(found, now);
  return state.kind === 'to_end' ? settleOpenSession(state, g) : state;
}

describe('settling an open session on load', () => {
  it('returns to the call of a tab back within the window (a reload), keeping the note until the call shows', async () => {
    const { g, ends } = gateway();
    noteLeft(session().id, 'tab_closed');
    const at = readLeftNote(session().id)!.at;
    expect((await resolveOpenSession(session(), g, at + RETURN_WINDOW_MS - 1)).kind).toBe('running');
    expect(ends).toEqual([]);
    expect(readLeftNote(session().id)).toMatchObject({ reason: 'tab_closed', at });
  });

  it('waits for a reload as long as Tavus keeps the call after everyone left', () => {
    expect(RETURN_WINDOW_MS).toBe(CONVERSATION_PROPERTIES.participant_left_timeout * 1000);
  });

  it('ends a session whose tab left mid-call and did not come back in time, with the reason noted', async () => {
    const { g, ends } = gateway();
    noteLeft(session().id, 'tab_closed');
    const state = await resolveOpenSession(session(), g, readLeftNote(session().id)!.at + RETURN_WINDOW_MS);
    expect(state.kind).toBe('ended_on_leave');
    expect(ends).toEqual([[session().id, 'tab_closed']]);
    expect(readLeftNote(session().id)).toBeNull();
  });

  it('leaves a session held by another tab to that tab', async () => {
    const { g, ends } = gateway();
    const other = holdCall(session().id);
    await other.acquired;
    expect((await resolveOpenSession(session(), g)).kind).toBe('other_tab');
    expect(ends).toEqual([]);
    other.release();
  });

  it('offers back a running session nobody here holds (a crashed tab, another device)', async () => {
    const { g, ends } = gateway();
    expect((await resolveOpenSession(session(), g)).kind).toBe('running');
    expect(ends).toEqual([]);
  });

  it('ends a session past its time limit (Tavus has shut the call down)', async () => {
    const { g, ends } = gateway();
    const late = session({ started_at: new Date(Date.now() - 601_000).toISOString() });
    expect(await inspectOpenSession(late)).toMatchObject({ kind: 'to_end', reason: 'limit_reached' });
    expect(ends).toEqual([]);
    expect((await resolveOpenSession(late, g)).kind).toBe('ended_at_limit');
    expect(ends).toEqual([[late.id, 'limit_reached']]);
  });

  it('tells a start in progress from an abandoned one', async () => {
    const { g } = gateway();
    const fresh = session({ status: 'starting', started_at: null, created_at: new Date().toISOString() });
    expect(await resolveOpenSession(fresh, g)).toMatchObject({ kind: 'starting', stale: false });
    const old = session({ status: 'starting', started_at: null, created_at: new Date(Date.now() - STALE_START_MS - 1000).toISOString() });
    expect(await resolveOpenSession(old, g)).toMatchObject({ kind: 'starting', stale: true });
  });

  it('has nothing to settle for an ended session, and drops its leftover note', async () => {
    const { g } = gateway();
    noteLeft(session().id);
    expect((await resolveOpenSession(session({ status: 'ended' }), g)).kind).toBe('none');
    expect(readLeftNote(session().id)).toBeNull();
    expect((await resolveOpenSession(null, g)).kind).toBe('none');
  });
});
