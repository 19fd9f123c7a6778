import { describe, expect, it, vi } from 'vitest';
import { createTavusClient } from '@/lib/tavus';
import { DEFAULT_PERSONA_ID, createTavusSimulator, type CallbackEnvelope } from '@/lib/tavus/simulator';
import { envelopeSchema, recordedEvents } from '../../../supabase/functions/tavus-webhook/envelope';

const START = Date.parse('2025-06-01T09:00:00Z');
const HOOK = 'https://hooks.example.com/tavus-webhook?token=secret';

function setup(transcriptDelayMs = 5_000) {
  let time = START;
  const received: CallbackEnvelope[] = [];
  const simulator = createTavusSimulator({
    now: () => time,
    callbacks: { deliver: (envelope) => void received.push(envelope), transcriptDelayMs },
  });
  const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'dev', fetch: simulator.fetch, sleep: async () => {} });
  return { simulator, tavus, received, advance: (ms: number) => void (time += ms) };
}

/** Each callback as the webhook reads it: its envelope schema, then the properties of its event type. */
function acceptedByWebhook(envelope: CallbackEnvelope) {
  const parsed = envelopeSchema.safeParse(envelope);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const properties = recordedEvents[envelope.event_type].safeParse(envelope.properties);
  expect(properties.success, JSON.stringify(properties.error?.issues)).toBe(true);
}

describe('simulator callbacks', () => {
  it('delivers application.recording_ready after the call of a conversation created with recording, and none without', async () => {
    const { simulator, tavus, received, advance } = setup(5_000);
    const recording = {
      enable_recording: true,
      recording_s3_bucket_name: 'reflections-recordings',
      recording_s3_bucket_region: 'eu-west-1',
      aws_assume_role_arn: 'arn:aws:iam::123456789012:role/tavus-recordings',
    };
    const recorded = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, callback_url: HOOK, properties: recording });
    const plain = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, callback_url: HOOK });
    for (const c of [recorded, plain]) simulator.room.joined(c.conversation_id);
    advance(42_000);
    for (const c of [recorded, plain]) await tavus.conversations.end(c.conversation_id);
    advance(5_000);
    await simulator.flushCallbacks();
    const ready = received.filter((e) => e.event_type === 'application.recording_ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      conversation_id: recorded.conversation_id,
      message_type: 'application',
      properties: { bucket_name: 'reflections-recordings', s3_key: `${recorded.conversation_id}/recording.mp4`, duration: 42 },
    });
    acceptedByWebhook(ready[0]!);
  });

  it('sends replica_joined, shutdown with the reason and, later, the transcript, in the documented envelope', async () => {
    const { simulator, tavus, received, advance } = setup(5_000);
    const conversation = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: HOOK,
      conversational_context: 'The user is new.',
      properties: { max_call_duration: 60 },
    });
    const id = conversation.conversation_id;
    await simulator.flushCallbacks();
    expect(received).toEqual([]); // nobody is in the room yet

    advance(2_000);
    simulator.room.joined(id);
    simulator.room.said(id, 'assistant', 'What would you like to reflect on?');
    simulator.room.said(id, 'user', 'My week.');
    await simulator.flushCallbacks();
    expect(received.map((e) => e.event_type)).toEqual(['system.replica_joined']);

    advance(58_000); // max_call_duration runs out
    await simulator.flushCallbacks();
    advance(4_999);
    await simulator.flushCallbacks();
    expect(received.map((e) => e.event_type)).toEqual(['system.replica_joined', 'system.shutdown']);
    advance(1);
    await simulator.flushCallbacks();
    await simulator.flushCallbacks(); // each is sent once

    expect(received).toEqual([
      {
        conversation_id: id,
        event_type: 'system.replica_joined',
        message_type: 'system',
        timestamp: '2025-06-01T09:00:02.000Z',
        webhook_url: HOOK,
        properties: {},
      },
      {
        conversation_id: id,
        event_type: 'system.shutdown',
        message_type: 'system',
        timestamp: '2025-06-01T09:01:00.000Z',
        webhook_url: HOOK,
        properties: { shutdown_reason: 'max_call_duration reached' },
      },
      {
        conversation_id: id,
        event_type: 'application.transcription_ready',
        message_type: 'application',
        timestamp: '2025-06-01T09:01:05.000Z',
        webhook_url: HOOK,
        properties: {
          transcript: [
            { role: 'system', content: expect.stringContaining('The user is new.') },
            { role: 'assistant', content: 'What would you like to reflect on?' },
            { role: 'user', content: 'My week.' },
          ],
        },
      },
    ]);
    received.forEach(acceptedByWebhook);
  });

  it("sends the end endpoint's and the left timeout's reasons, and nothing for a conversation without a callback_url or in test mode", async () => {
    const { simulator, tavus, received, advance } = setup(1_000);
    const ended = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, callback_url: HOOK });
    const left = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: HOOK,
      properties: { participant_left_timeout: 10 },
    });
    const silent = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID });
    await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, callback_url: HOOK, test_mode: true });
    for (const c of [ended, left, silent]) simulator.room.joined(c.conversation_id);
    simulator.room.left(left.conversation_id);
    await tavus.conversations.end(ended.conversation_id);
    await tavus.conversations.end(silent.conversation_id);
    advance(10_000);
    await simulator.flushCallbacks();
    advance(1_000);
    await simulator.flushCallbacks();

    const shutdowns = received
      .filter((e) => e.event_type === 'system.shutdown')
      .map((e) => [e.conversation_id, e.properties.shutdown_reason]);
    expect(shutdowns).toEqual([
      [ended.conversation_id, 'end_conversation_endpoint_hit'],
      [left.conversation_id, 'participant_left_timeout reached'],
    ]);
    expect(new Set(received.map((e) => e.conversation_id))).toEqual(new Set([ended.conversation_id, left.conversation_id]));
    expect(received.filter((e) => e.event_type === 'application.transcription_ready')).toHaveLength(2);
    // a transcript of a call where nothing was said is the system turn alone
    expect(received.find((e) => e.event_type === 'application.transcription_ready')!.properties.transcript).toEqual([
      { role: 'system', content: expect.any(String) },
    ]);
    received.forEach(acceptedByWebhook);
  });

  it('wakes itself when a callback falls due, without a request', async () => {
    const received: CallbackEnvelope[] = [];
    const simulator = createTavusSimulator({ callbacks: { deliver: (envelope) => void received.push(envelope), transcriptDelayMs: 30 } });
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'dev', fetch: simulator.fetch, sleep: async () => {} });
    const { conversation_id } = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: HOOK,
      properties: { max_call_duration: 1 },
    });
    simulator.room.joined(conversation_id);
    await expect
      .poll(() => received.map((e) => e.event_type), { timeout: 5_000 })
      .toEqual(['system.replica_joined', 'system.shutdown', 'application.transcription_ready']);
  });

  it('a tab closed mid-call: the next load shuts the call down as of the leave plus participant_left_timeout, and calls back once', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    let time = START;
    const first = createTavusSimulator({ storage, now: () => time, callbacks: { deliver: () => undefined } });
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'dev', fetch: first.fetch, sleep: async () => {} });
    const call = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: HOOK,
      properties: { participant_left_timeout: 60, max_call_duration: 1_800 },
    });
    first.room.joined(call.conversation_id);
    await new Promise((resolve) => setTimeout(resolve, 0)); // its own look at load has run: the closed tab runs nothing more
    time += 90_000;
    first.room.left(call.conversation_id); // the closing tab's pagehide, kept in the stored state

    // Five minutes later the app loads again: a new simulator over the same storage, asked nothing.
    time += 5 * 60_000;
    const received: CallbackEnvelope[] = [];
    const next = createTavusSimulator({
      storage,
      now: () => time,
      callbacks: { deliver: (e) => void received.push(e), transcriptDelayMs: 3_000 },
    });
    await vi.waitFor(() => expect(received.map((e) => e.event_type)).toEqual(['system.shutdown', 'application.transcription_ready']));
    expect(received[0]).toMatchObject({
      conversation_id: call.conversation_id,
      timestamp: '2025-06-01T09:02:30.000Z', // left at 09:01:30, plus 60 s; not the load at 09:06:30
      properties: { shutdown_reason: 'participant_left_timeout reached' },
    });
    const again = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'dev', fetch: next.fetch, sleep: async () => {} });
    expect(await again.conversations.get(call.conversation_id)).toMatchObject({ status: 'ended', updated_at: '2025-06-01T09:02:30.000Z' });
    await next.flushCallbacks();
    expect(received).toHaveLength(2);
    received.forEach(acceptedByWebhook);
  });

  it('a reload within participant_left_timeout rejoins the room: the call goes on', async () => {
    const { simulator, tavus, received, advance } = setup();
    const call = await tavus.conversations.create({
      persona_id: DEFAULT_PERSONA_ID,
      callback_url: HOOK,
      properties: { participant_left_timeout: 60 },
    });
    simulator.room.joined(call.conversation_id);
    simulator.room.left(call.conversation_id);
    advance(5_000);
    simulator.room.joined(call.conversation_id);
    advance(10 * 60_000);
    await simulator.flushCallbacks();
    expect((await tavus.conversations.get(call.conversation_id)).status).toBe('active');
    expect(received.map((e) => e.event_type)).toEqual(['system.replica_joined']);
  });
});
