import { screen, waitFor, within } from '@testing-library/react';
import { TRANSCRIPT_POLL_MS } from '@/features/session/summary/use-transcript';
import { renderApp, sessionWorldForFile } from './harness';

const { data, world } = sessionWorldForFile();

/** What the tavus-webhook function records when Tavus sends application.transcription_ready. */
async function recordTranscript(conversationId: string, transcript: Array<{ role: string; content: string }>) {
  await data
    .owner()
    .query(`select public.record_tavus_event($1, $2::jsonb)`, [
      conversationId,
      JSON.stringify({ event_type: 'application.transcription_ready', properties: { transcript } }),
    ]);
}

async function endedSession(w: ReturnType<typeof world>, seconds = 125) {
  const { session } = await w.sessions.start({ sessionType: 'reflect_alone' });
  await data
    .owner()
    .query(`update public.sessions set started_at = now() - make_interval(secs => $2) where id = $1`, [session.id, seconds]);
  return w.sessions.end(session.id, 'user_ended');
}

const figure = (term: string) => screen.getByText(term).nextElementSibling?.textContent;

describe('summary', () => {
  it('shows duration, minutes charged and left, and the transcript Tavus sent', async () => {
    const w = world();
    const ended = await endedSession(w);
    await recordTranscript(ended.tavus_conversation_id!, [
      { role: 'system', content: 'You are a reflective listener.' },
      { role: 'assistant', content: 'What would you like to reflect on today?' },
      { role: 'user', content: 'My week.' },
    ]);
    renderApp(`/session/${ended.id}`, w.services);

    expect(await screen.findByRole('heading', { name: 'Session summary' })).toBeInTheDocument();
    expect(figure('Duration')).toMatch(/^2 min (5|6) s$/);
    expect(figure('Minutes charged')).toMatch(/^2\.1 \(2 min (5|6) s\)$/);
    await waitFor(() => expect(figure('Minutes left')).toMatch(/^297\.9 \(297 min (55|54) s\)$/));
    const lines = within(screen.getByRole('list', { name: 'Transcript of the session' })).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual(['Replica: What would you like to reflect on today?', 'You: My week.']);
    expect(screen.queryByText(/You are a reflective listener/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the start page' })).toHaveAttribute('href', '/');
  });

  it("after a live call, waits for Tavus's transcript and shows it when it arrives", async () => {
    const w = world({}, 'daily');
    const ended = await endedSession(w, 30);
    renderApp(`/session/${ended.id}`, w.services);
    expect(await screen.findByText(/The transcript is on its way from Tavus/)).toBeInTheDocument();

    await recordTranscript(ended.tavus_conversation_id!, [{ role: 'assistant', content: 'Welcome back.' }]);
    const list = await screen.findByRole('list', { name: 'Transcript of the session' }, { timeout: TRANSCRIPT_POLL_MS * 3 });
    expect(list).toHaveTextContent('Replica: Welcome back.');
    expect(screen.queryByText(/on its way from Tavus/)).not.toBeInTheDocument();
  }, 30_000);

  it('after a simulated call, says at once that there is no transcript rather than waiting', async () => {
    const w = world();
    const ended = await endedSession(w, 10);
    renderApp(`/session/${ended.id}`, w.services);
    expect(await screen.findByText('No transcript is available for this session.')).toBeInTheDocument();
  });

  it('says a session that could not start cost nothing', async () => {
    const w = world();
    w.tavus.simulator.faults.set({ status: 500, match: 'POST /v2/conversations' });
    await expect(w.sessions.start({ sessionType: 'reflect_alone' })).rejects.toMatchObject({ code: 'server_error' });
    const failed = (await w.db.listSessions({ page: 1, pageSize: 1 })).rows[0]!;
    renderApp(`/session/${failed.id}`, w.services);
    expect(await screen.findByText('This session could not start. Nothing was charged.')).toBeInTheDocument();
    // words, not codes; the recorded text stays behind the disclosure
    expect(screen.getByText('Tavus could not start the call. Tavus had a server error.')).toBeInTheDocument();
    expect(screen.getByText('Details').closest('details')).toHaveTextContent(/conversation_create_failed: server_error/);
    expect(figure('Duration')).toBe('did not start');
    expect(figure('Minutes charged')).toBe('0 (0 s)');
  });

  it('says when a session does not exist', async () => {
    renderApp('/session/00000000-0000-4000-8000-000000000000', world().services);
    expect(await screen.findByRole('heading', { name: 'Session not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start a session' })).toHaveAttribute('href', '/');
  });
});
