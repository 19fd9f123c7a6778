import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useStartStore } from '@/features/session/home/start-store';
import { ROOM_REFUSED_TEXT } from '@/features/session/messages';
import { callStarted, renderApp, sessionWorldForFile, withSimulatedRoom } from './harness';

/** Every call is a private room (require_auth): its URL alone joins nothing, its meeting_token does. */

const { data, world } = sessionWorldForFile();
const transcript = () => screen.getByRole('log', { name: 'Conversation so far' });
const tokenKey = (id: string) => `awaknow.meeting-token.${id}`;

async function startFromHome() {
  const w = withSimulatedRoom(world());
  const view = renderApp('/', w.services);
  await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
  await callStarted();
  const session = (await w.db.currentSession())!;
  return { w, view, session };
}

describe('a private room', () => {
  it('is joined with the meeting_token, again after a reload, and the token is forgotten when the session ends', async () => {
    const { w, view, session } = await startFromHome();
    const token = localStorage.getItem(tokenKey(session.id));
    const conversation = await w.tavus.client.conversations.get(session.tavus_conversation_id!);
    expect(token).toBe(conversation.meeting_token);
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome.'));

    // the reload: this tab's memory is gone, the kept token is not
    view.unmount();
    useStartStore.getState().reset();
    renderApp(`/session/${session.id}`, w.services);
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome.'));
    expect(screen.queryByText(ROOM_REFUSED_TEXT)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    await screen.findByRole('heading', { name: 'Session summary' });
    expect(localStorage.getItem(tokenKey(session.id))).toBeNull();
  });

  it('a browser whose storage lost the token is let in with the one the database keeps, and keeps it again', async () => {
    const { w, view, session } = await startFromHome();
    const token = localStorage.getItem(tokenKey(session.id));
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome.'));
    view.unmount();
    useStartStore.getState().reset();
    localStorage.removeItem(tokenKey(session.id));
    renderApp(`/session/${session.id}`, w.services);
    await waitFor(() => expect(transcript()).toHaveTextContent('Replica: Welcome.'));
    expect(screen.queryByText(ROOM_REFUSED_TEXT)).not.toBeInTheDocument();
    expect(localStorage.getItem(tokenKey(session.id))).toBe(token);
  });

  it('refuses a browser that has only the URL: it says so, and the session can still be ended', async () => {
    const { w, view, session } = await startFromHome();
    view.unmount();
    useStartStore.getState().reset();
    localStorage.removeItem(tokenKey(session.id));
    // nor does the session's record hold it (as for a session attached before the database kept tokens)
    await data.owner().query('delete from private.session_rooms where session_id = $1', [session.id]);
    renderApp(`/session/${session.id}`, w.services);
    expect(await screen.findByText(ROOM_REFUSED_TEXT)).toHaveRole('alert');
    // nobody is let in, so no replica speaks
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(transcript()).not.toHaveTextContent('Replica:');
    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    await screen.findByRole('heading', { name: 'Session summary' });
    expect(await w.db.getSession(session.id)).toMatchObject({ status: 'ended', end_reason: 'user_ended' });
  });
});
