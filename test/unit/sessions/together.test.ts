import { createTavusClient } from '@/lib/tavus';
import { DEFAULT_PERSONA_ID, createTavusSimulator, type CallbackEnvelope } from '@/lib/tavus/simulator';
import { checkPersonName, togetherContext, togetherConversation } from '@/lib/sessions/together';
import { createScriptedReplica } from '@/features/session/call/scripted-replica';
import { guestRoom, hostRoom } from '@/features/session/call/shared-room';
import { speakerOf } from '@/features/session/call/call-store';
import { applyConversationEvent, initialCallEvents, type CallEventsState } from '@/features/session/call/transcript-state';
import { isLocalGuestTab } from '@/lib/db/embedded/guest-tab';
import { conversationCreateSchema } from '@/lib/tavus/resources/conversations.schema';

// "Resolve together" outside the database: what the replica is told, how the simulated call plays
// two people, and how the transcript tells their answers apart.

const TIMING = { greetingDelayMs: 20, wordMs: 2, thinkMs: 10 };

describe('the conversation for two', () => {
  it('is created with max_participants 3 and a context and greeting naming the host, valid for Tavus', () => {
    const fields = togetherConversation({ hostName: 'Ada' });
    expect(fields.max_participants).toBe(3);
    expect(fields.conversational_context).toContain('Ada has started this conversation and invited one other person');
    expect(fields.custom_greeting).toMatch(/^Hello Ada,/);
    expect(conversationCreateSchema.safeParse({ persona_id: 'p7e13c73f41f', ...fields }).success).toBe(true);
  });

  it('names both people once the partner is known', () => {
    const context = togetherContext({ hostName: 'Ada', partnerName: 'Grace' });
    expect(context).toContain('Two people are in this conversation with you: Ada, who invited the other, and Grace.');
    expect(context).not.toContain('will join shortly');
  });

  it('takes the names the database takes: trimmed, 1 to 60 characters, no control characters', () => {
    expect(checkPersonName('  Ada ')).toBe('Ada');
    expect(checkPersonName('x'.repeat(60))).toHaveLength(60);
    for (const bad of ['', '   ', 'x'.repeat(61), 'Ada\u0000', 'A\nB', 'A\u0085']) expect(checkPersonName(bad)).toBeNull();
  });
});

/** The replica's lines and the user's answers, as the transcript store applies the events. */
function transcriptOf(events: CallEventsState) {
  return events.lines.map((line) => `${line.role}: ${line.text}`);
}

describe('the simulated call of two', () => {
  it('greets the host, welcomes the partner by name, and answers each by name, turning to the other', async () => {
    const replica = createScriptedReplica({ conversationId: 'c1', timing: TIMING, together: { hostName: 'Ada' } });
    let state = initialCallEvents;
    replica.onEvent((event) => (state = applyConversationEvent(state, event)));
    await vi.waitFor(() => expect(replica.readiness()).toBe('ready'));
    replica.partnerArrived!({ hostName: 'Ada', partnerName: 'Grace' });
    await vi.waitFor(() => expect(transcriptOf(state).at(-1)).toMatch(/^replica: Welcome, Grace\. Ada and Grace/));
    replica.respond('We argue about money.', 'Grace');
    await vi.waitFor(() => expect(transcriptOf(state).at(-1)).toBe('replica: Thank you, Grace. Ada, how does that land with you?'));
    replica.respond('It worries me too.');
    await vi.waitFor(() => expect(transcriptOf(state).at(-1)).toBe('replica: Ada, what would you like Grace to understand about that?'));
    replica.stop();
    expect(transcriptOf(state)[0]).toBe(
      'replica: Hello Ada, I am glad you are here. When the person you invited joins us, we will begin together.',
    );
    expect(transcriptOf(state)).toContain('user: We argue about money.');
  });

  it("the partner's tab hears the host's replica and its answers reach it, through the shared room", async () => {
    const room = hostRoom('c2');
    const replica = createScriptedReplica({ conversationId: 'c2', timing: TIMING, together: { hostName: 'Ada' }, onAny: room.relay });
    room.attach(replica);
    replica.onEvent(() => undefined); // the host's call screen listens: the replica joins
    const guest = guestRoom('c2', 'Grace');
    let heard = initialCallEvents;
    guest.onEvent((event) => (heard = applyConversationEvent(heard, event)));
    await vi.waitFor(() => expect(guest.readiness()).toBe('ready'));
    await vi.waitFor(() => expect(transcriptOf(heard)[0]).toMatch(/^replica: Hello Ada/));
    guest.respond('Hello from Grace.');
    await vi.waitFor(() => expect(transcriptOf(heard).at(-1)).toBe('replica: Thank you, Grace. Ada, how does that land with you?'));
    expect(transcriptOf(heard)).toContain('user: Hello from Grace.');
    guest.close();
    room.close();
    replica.stop();
  });

  it('a guest without a host in the room waits, and cannot send', () => {
    const guest = guestRoom('c-nobody', 'Grace');
    expect(guest.readiness()).toBe('waiting_for_replica');
    expect(() => guest.respond('Anyone?')).toThrow('The replica is not in the call yet.');
    guest.close();
  });
});

describe('whose answer a line is', () => {
  const line = (text: string) => ({ id: 'l', role: 'user' as const, text, final: true });
  it('in a session together, lines this tab typed are "You", the others the other person’s', () => {
    expect(speakerOf(line('I feel unheard.'), 'Grace', ['I feel unheard.'])).toBe('You');
    expect(speakerOf(line('I feel'), 'Grace', ['I feel unheard.'])).toBe('You'); // still streaming
    expect(speakerOf(line('Me too.'), 'Grace', ['I feel unheard.'])).toBe('Grace');
    expect(speakerOf({ ...line('Hi'), role: 'replica' }, 'Grace', [])).toBe('Replica');
  });
  it('alone, every user line is "You"', () => {
    expect(speakerOf(line('Anything'), null, [])).toBe('You');
  });
});

describe('the local guest tab', () => {
  const storage = () => {
    const values = new Map<string, string>();
    return { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v) };
  };
  it('is a tab opened on /join, and stays one after a reload elsewhere; other tabs are the local user', () => {
    const tab = storage();
    expect(isLocalGuestTab({ pathname: '/' }, tab)).toBe(false);
    expect(isLocalGuestTab({ pathname: '/join/abc' }, tab)).toBe(true);
    expect(isLocalGuestTab({ pathname: '/history' }, tab)).toBe(true);
    expect(isLocalGuestTab({ pathname: '/joiner' }, storage())).toBe(false);
    expect(isLocalGuestTab({ pathname: '/join' }, null)).toBe(true);
  });
});

describe('the simulated room of two', () => {
  it("keeps the call while one of the two is there: participant_left_timeout counts from the last one's leaving", async () => {
    let time = Date.parse('2025-06-01T09:00:00Z');
    const received: CallbackEnvelope[] = [];
    const simulator = createTavusSimulator({ now: () => time, callbacks: { deliver: (e) => void received.push(e) } });
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'dev', fetch: simulator.fetch, sleep: async () => {} });
    const { conversation_id: id } = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: 'https://hooks.example.com/tavus-webhook?token=t',
      properties: { participant_left_timeout: 10 },
    });
    simulator.room.joined(id, undefined, 'host');
    simulator.room.joined(id, undefined, 'partner');
    simulator.room.left(id, 'partner');
    time += 30_000;
    await simulator.flushCallbacks();
    expect(received.map((e) => e.event_type)).not.toContain('system.shutdown');
    simulator.room.left(id, 'host');
    time += 11_000;
    await simulator.flushCallbacks();
    expect(received.find((e) => e.event_type === 'system.shutdown')?.properties.shutdown_reason).toBe('participant_left_timeout reached');
  });
});
