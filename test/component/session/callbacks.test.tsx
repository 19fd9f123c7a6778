import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SIMULATED_CALLBACK_URL, SIMULATOR_STORAGE_KEY } from '@/app/compose';
import { REFLECTIVE_LINES } from '@/features/session/call/scripted-replica';
import { TRANSCRIPT_POLL_MS } from '@/features/session/summary/use-transcript';
import { createClientSessions } from '@/lib/sessions/client';
import { endAfterSimulatorCallbacks } from '@/lib/sessions/callbacks-first';
import type { Services } from '@/lib/services';
import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator, type CallbackEnvelope } from '@/lib/tavus/simulator';
import { formatDuration, minutesLeft, minutesUsed } from '@/features/session/format';
import type { RecordingTarget } from '@/lib/recording';
import { config, openMoreOptions, renderApp, sessionWorldForFile } from './harness';

const { data } = sessionWorldForFile();

/**
 * Mock mode with local data as the composition root wires it: the simulator's callbacks go to the
 * embedded database, which records them as the tavus-webhook function does, and an end here first
 * lets the simulator deliver what it owes. The simulator's clock can run ahead of the page's, to
 * reach a call's max_call_duration without waiting for it. With `storage` (the app's localStorage)
 * it is one load of the app in a tab: the next load's simulator finds the call there.
 */
function callbackWorld(
  storage?: Storage,
  { withholdShutdown = false, recording }: { withholdShutdown?: boolean; recording?: { target: RecordingTarget } } = {},
) {
  // the operator's recording setting, where the test turns it on
  const tavusConfig = { ...config.tavus, ...(recording ? { recording } : {}) };
  const db = data.db();
  let ahead = 0;
  const delivered: CallbackEnvelope[] = [];
  const failures: unknown[] = [];
  const simulator = createTavusSimulator({
    ...(storage ? { storage } : {}),
    now: () => Date.now() + ahead,
    callbacks: {
      deliver: async (envelope) => {
        if (withholdShutdown && envelope.event_type === 'system.shutdown') return; // delivered by the test, later
        await db.recordTavusCallback({ ...envelope });
        delivered.push(envelope);
      },
      onFailure: (_envelope, error) => failures.push(error),
      transcriptDelayMs: 300,
    },
  });
  const tavus = createTavusClient({
    baseUrl: 'https://simulator.tavus.local',
    apiKey: 'mock',
    fetch: simulator.fetch,
    sleep: async () => undefined,
  });
  const client = createClientSessions({
    db,
    tavus,
    config: { ...config, tavus: { ...tavusConfig, callbackUrl: SIMULATED_CALLBACK_URL } } as typeof config,
    callTransport: 'simulated',
  });
  const sessions = endAfterSimulatorCallbacks(client, async () => simulator);
  const services: Services = {
    config: { ...config, tavus: tavusConfig } as typeof config,
    tavus: async () => tavus,
    db: async () => db,
    sessions: async () => sessions,
    simulator: async () => simulator,
    simulatedCallbacks: true,
  };
  return { db, simulator, sessions, services, delivered, failures, runAhead: (ms: number) => void (ahead += ms) };
}

describe('a tab closed mid-call in mock mode with local data', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is charged as Tavus would charge it: up to 60 s after the tab left, not up to the next load 5 minutes later', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true }); // PGlite's now() follows Date
    const tab = callbackWorld(window.localStorage);
    const first = renderApp('/', tab.services);
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    const log = await screen.findByRole('log', { name: 'Conversation so far' });
    await waitFor(() => expect(log).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[0]}`));
    const session = (await tab.db.currentSession())!;
    const ranSeconds = (Date.now() - Date.parse(session.started_at!)) / 1000;

    act(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })); // the tab closes
    });
    // The simulator has recorded the leave itself (a closing tab runs no effect cleanup).
    const stored = JSON.parse(localStorage.getItem(SIMULATOR_STORAGE_KEY)!) as {
      tables: { conversations: Record<string, { leftMs?: number }> };
    };
    expect(stored.tables.conversations[session.tavus_conversation_id!]!.leftMs).toBeGreaterThan(0);
    first.unmount();
    vi.setSystemTime(Date.now() + 5 * 60_000);

    // The app is opened again at the session's address, five minutes later.
    renderApp(`/session/${session.id}`, callbackWorld(window.localStorage).services);
    expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(await screen.findAllByText('This session ended: its tab was closed and did not come back within a minute.')).toHaveLength(1);
    expect(screen.queryByText(/This session has ended/)).not.toBeInTheDocument(); // said once

    const ended = (await tab.db.getSession(session.id))!;
    expect(ended).toMatchObject({ status: 'ended', shutdown_reason: 'participant_left_timeout reached' });
    expect(ended.seconds_used).toBeGreaterThanOrEqual(Math.floor(ranSeconds) + 60);
    expect(ended.seconds_used).toBeLessThanOrEqual(Math.ceil(ranSeconds) + 60 + 3); // not the 5 minutes to the load
    expect((await data.subscription()).tavus_seconds_used).toBe(ended.seconds_used);
    expect(await data.usageRows()).toEqual([expect.objectContaining({ session_id: session.id, seconds_used: ended.seconds_used })]);
  }, 40_000);
});

describe('callbacks in mock mode with local data', () => {
  it("the summary shows what was heard, then Tavus's transcript when it arrives after the call", async () => {
    const w = callbackWorld();
    renderApp('/', w.services);
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    const log = await screen.findByRole('log', { name: 'Conversation so far' });
    await waitFor(() => expect(log).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[0]}`));
    await userEvent.type(screen.getByLabelText('Your answer'), 'My week was long.');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(log).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[1]}`));
    await userEvent.click(screen.getByRole('button', { name: 'End session' }));

    expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(screen.getByText(/This is what was heard during the call; Tavus's full transcript replaces it/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/This is what was heard during the call/)).not.toBeInTheDocument(), {
      timeout: TRANSCRIPT_POLL_MS * 3,
    });
    const lines = within(screen.getByRole('list', { name: 'Transcript of the session' })).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([
      `Replica: ${REFLECTIVE_LINES[0]}`,
      'You: My week was long.',
      `Replica: ${REFLECTIVE_LINES[1]}`,
    ]);

    const session = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;
    expect(session.joined_at).not.toBeNull();
    expect(session.shutdown_reason).toBe('end_conversation_endpoint_hit');
    expect((session.transcript as Array<{ role: string }>).map((t) => t.role)).toEqual(['system', 'assistant', 'user', 'assistant']);
    expect(w.delivered.map((e) => e.event_type)).toEqual(['system.replica_joined', 'system.shutdown', 'application.transcription_ready']);
    expect(w.failures).toEqual([]);
  }, 40_000);

  it('a shutdown at max_call_duration ends the session and charges it once, however often it is delivered', async () => {
    const w = callbackWorld();
    const { session, meetingToken } = await w.sessions.start({ sessionType: 'reflect_alone' });
    // a private room: joined with the token the start handed back
    expect(w.simulator.room.joined(session.tavus_conversation_id!, meetingToken)).toBe(true);
    // The call has run 3 s short of its limit, on both clocks.
    await data
      .owner()
      .query(`update public.sessions set started_at = now() - make_interval(secs => max_call_duration - 3) where id = $1`, [session.id]);
    w.runAhead((session.max_call_duration - 3) * 1000);
    await w.simulator.flushCallbacks(); // the jump is seen; from here on nobody asks the simulator anything

    // it wakes at the limit and calls back
    await waitFor(
      async () =>
        expect(await w.db.getSession(session.id)).toMatchObject({
          status: 'ended',
          end_reason: 'max_call_duration reached',
          shutdown_reason: 'max_call_duration reached',
        }),
      { timeout: 10_000 },
    );
    expect((await w.db.getSession(session.id))!.seconds_used).toBeGreaterThan(0);
    const shutdown = w.delivered.find((e) => e.event_type === 'system.shutdown')!;
    await w.db.recordTavusCallback({ ...shutdown }); // Tavus may deliver a callback twice
    await w.sessions.end(session.id, 'user_ended'); // and the page's own end comes late

    const ended = (await w.db.getSession(session.id))!;
    expect(ended.status).toBe('ended');
    expect(ended.seconds_used).toBeGreaterThanOrEqual(ended.max_call_duration - 3);
    expect(ended.seconds_used).toBeLessThanOrEqual(ended.max_call_duration);
    expect(await data.usageRows()).toEqual([expect.objectContaining({ session_id: session.id, seconds_used: ended.seconds_used })]);
    expect((await data.subscription()).tavus_seconds_used).toBe(ended.seconds_used);

    renderApp(`/session/${session.id}`, w.services);
    expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(screen.getByText(/This session has ended/)).toBeInTheDocument();
  }, 30_000);

  it('the summary follows a shutdown that settles the charge after the end, so it shows what history shows', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true }); // PGlite's now() follows Date
    try {
      const w = callbackWorld(undefined, { withholdShutdown: true });
      renderApp('/', w.services);
      await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
      const log = await screen.findByRole('log', { name: 'Conversation so far' });
      await waitFor(() => expect(log).toHaveTextContent(`Replica: ${REFLECTIVE_LINES[0]}`));
      await userEvent.click(screen.getByRole('button', { name: 'End session' }));
      expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
      const charged = () => screen.getByText('Minutes charged').nextElementSibling!.textContent;
      const atEnd = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;
      await waitFor(() => expect(charged()).toBe(`${minutesUsed(atEnd.seconds_used)} (${formatDuration(atEnd.seconds_used)})`));

      // Tavus reports the call stopped 45 s after the session's end (it bills until then).
      vi.setSystemTime(Date.parse(atEnd.ended_at!) + 60_000);
      await w.db.recordTavusCallback({
        conversation_id: atEnd.tavus_conversation_id,
        event_type: 'system.shutdown',
        message_type: 'system',
        timestamp: new Date(Date.parse(atEnd.ended_at!) + 45_000).toISOString(),
        properties: { shutdown_reason: 'participant_left_timeout reached' },
      });
      const settled = (await w.db.getSession(atEnd.id))!;
      expect(settled.seconds_used).toBeGreaterThanOrEqual(atEnd.seconds_used + 45);
      await waitFor(() => expect(charged()).toBe(`${minutesUsed(settled.seconds_used)} (${formatDuration(settled.seconds_used)})`));
      const left = (await w.db.usage()).secondsLeft;
      await waitFor(() =>
        expect(screen.getByText('Minutes left').nextElementSibling!.textContent).toBe(`${minutesLeft(left)} (${formatDuration(left)})`),
      );
    } finally {
      vi.useRealTimers();
    }
  }, 40_000);

  it('a bad envelope is refused with a clear error and changes nothing', async () => {
    const w = callbackWorld();
    const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
    const before = await w.db.getSession(session.id);
    await expect(
      w.db.recordTavusCallback({
        conversation_id: session.tavus_conversation_id,
        event_type: 'application.transcription_ready',
        properties: { transcript: 'nope' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(
      w.db.recordTavusCallback({ conversation_id: 'c0000000000', event_type: 'system.shutdown', properties: {} }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
    expect(await w.db.getSession(session.id)).toEqual(before);
  });

  it("records a session only with the user's yes, and its record shows the recording once it has arrived", async () => {
    const target = { bucket: 'reflections-recordings', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/tavus-recordings' };
    const w = callbackWorld(undefined, { recording: { target } });
    renderApp('/', w.services);
    // folded, the line says what the session is set to; the fields load when it is opened
    const line = await openMoreOptions();
    expect(line).toHaveTextContent('More options: English, not recorded');
    const record = await screen.findByRole('checkbox', { name: 'Record this session' });
    expect(record).not.toBeChecked();
    expect(record).toHaveAccessibleDescription('This session will not be recorded unless you tick the box.');
    await userEvent.click(record);
    expect(record).toHaveAccessibleDescription(/^This session will be recorded/);
    expect(line).toHaveTextContent('More options: English, recorded');
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }));
    await screen.findByRole('heading', { name: 'Your reflection session' });
    await userEvent.click(await screen.findByRole('button', { name: 'End session' }));
    await screen.findByRole('heading', { name: 'Session summary' });

    const session = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;
    await waitFor(async () => {
      await w.simulator.flushCallbacks();
      expect(w.delivered.map((e) => e.event_type)).toContain('application.recording_ready');
    });
    await waitFor(async () =>
      expect((await w.db.getSession(session.id))?.recording).toMatchObject({ bucket_name: 'reflections-recordings' }),
    );
    await userEvent.click(screen.getByRole('link', { name: 'History' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Details of the session started/ }));
    expect(await screen.findByRole('heading', { name: 'Recording' })).toBeInTheDocument();
    expect(screen.getByText(`s3://reflections-recordings/${session.tavus_conversation_id}/recording.mp4`)).toBeInTheDocument();
  }, 40_000);

  it('offers no recording where the operator has not turned it on', async () => {
    renderApp('/', callbackWorld().services);
    await screen.findByRole('button', { name: 'Start session' });
    expect(await openMoreOptions()).toHaveTextContent(/^More options: English$/);
    expect(screen.queryByRole('checkbox', { name: 'Record this session' })).not.toBeInTheDocument();
  });
});
