import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Session } from '@/lib/db';
import { SessionRecord } from '@/features/history/session-record';

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: '6f1c2f4e-8a51-4d7a-9d59-1f0c0b3c9a11',
    user_id: '0b5f3a55-2d7e-4a8e-b6a9-3f1e8c6d7a21',
    session_type: 'reflect_alone',
    persona_id: 'p7e13c73f41f',
    replica_id: 'r4317e64d25a',
    conversation_name: 'awaknow_reflect_alone_6f1c2f4e-8a51-4d7a-9d59-1f0c0b3c9a11',
    tavus_conversation_id: 'c123456789',
    conversation_url: 'https://tavus.daily.co/c123456789',
    status: 'ended',
    max_call_duration: 600,
    created_at: '2026-03-04T10:00:00.000Z',
    started_at: '2026-03-04T10:00:05.000Z',
    joined_at: '2026-03-04T10:00:09.000Z',
    ended_at: '2026-03-04T10:04:25.000Z',
    seconds_used: 260,
    end_reason: 'user_ended',
    shutdown_reason: null,
    transcript: null,
    recording: null,
    perception_analysis: null,
    error: null,
    ...overrides,
  };
}

const figure = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

const TRANSCRIPT = [
  { role: 'system', content: 'You are a calm, curious guide.' },
  { role: 'assistant', content: 'Hello. What would you like to look at today?' },
  { role: 'user', content: 'Why I argue with my brother.' },
  { role: 'assistant', content: '' },
  { role: 'assistant', content: 'What happens just before an argument starts?' },
  'not an entry',
];

describe('SessionRecord', () => {
  it('shows the figures from server timestamps and the charge', () => {
    render(<SessionRecord session={session()} personaName="Calm guide" />);
    expect(figure('Type')).toBe('Reflect alone');
    expect(figure('Persona')).toBe('Calm guide');
    expect(figure('Tavus persona id')).toBe('p7e13c73f41f');
    expect(figure('Status')).toBe('Ended');
    expect(figure('Duration')).toBe('4 min 20 s');
    expect(figure('Minutes charged')).toBe('4.3 min (4 min 20 s)');
    expect(figure('End reason')).toBe('You ended it');
    expect(screen.queryByText('Error', { selector: 'dt' })).not.toBeInTheDocument();
  });

  it('shows what was said, without the system prompt, and copies it as plain text', async () => {
    const user = userEvent.setup();
    render(<SessionRecord session={session({ transcript: TRANSCRIPT })} />);
    const lines = within(screen.getByRole('list', { name: 'What was said' })).getAllByRole('listitem');
    expect(lines.map((line) => line.textContent)).toEqual([
      'Replica: Hello. What would you like to look at today?',
      'You: Why I argue with my brother.',
      'Replica: What happens just before an argument starts?',
    ]);
    await user.click(screen.getByRole('button', { name: 'Copy transcript' }));
    expect(await navigator.clipboard.readText()).toBe(
      'Replica: Hello. What would you like to look at today?\nYou: Why I argue with my brother.\nReplica: What happens just before an argument starts?',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Transcript copied to the clipboard.');
  });

  it('says so when the clipboard refuses, instead of claiming a copy', async () => {
    const user = userEvent.setup();
    render(<SessionRecord session={session({ transcript: TRANSCRIPT })} />);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
    await user.click(screen.getByRole('button', { name: 'Copy transcript' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not copy (Write permission denied.). Select the text and copy it by hand.',
    );
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('says the transcript is on its way while Tavus has not sent it', () => {
    render(<SessionRecord session={session()} />);
    expect(screen.getByText(/The transcript has not arrived yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy transcript' })).not.toBeInTheDocument();
  });

  it('shows a failed start with its error, nothing charged and no transcript to wait for', () => {
    render(
      <SessionRecord
        session={session({
          status: 'failed',
          started_at: null,
          joined_at: null,
          seconds_used: 0,
          end_reason: null,
          error: 'Tavus answered 401: invalid API key',
        })}
      />,
    );
    expect(figure('Status')).toBe('Failed to start');
    expect(figure('Duration')).toBe('Did not start');
    expect(figure('Minutes charged')).toBe('0 min (0 s)');
    expect(figure('Error')).toBe('Tavus answered 401: invalid API key');
    expect(screen.getByText('No transcript: the call never started.')).toBeInTheDocument();
  });

  it('says in words why Tavus ended a conversation, in the same words as the summary', () => {
    render(
      <SessionRecord
        session={session({ end_reason: 'participant_absent_timeout reached', shutdown_reason: 'participant_absent_timeout reached' })}
      />,
    );
    expect(figure('End reason')).toBe('Nobody joined the call in time and Tavus closed it');
    expect(screen.queryByText('Reported by Tavus', { selector: 'dt' })).not.toBeInTheDocument();
  });

  it('shows the recording and the perception analysis once the callbacks stored them', () => {
    render(
      <SessionRecord
        session={session({
          recording: { bucket_name: 'awaknow-recordings', s3_key: 'c123456789/recording.mp4', duration: 262 },
          perception_analysis: 'The user looked calm.\n\nThey smiled twice.',
          shutdown_reason: 'end_conversation_endpoint_hit',
        })}
        headingLevel={3}
      />,
    );
    const recording = screen.getByRole('region', { name: 'Recording' });
    expect(within(recording).getByText('4 min 22 s')).toBeInTheDocument();
    expect(within(recording).getByText('s3://awaknow-recordings/c123456789/recording.mp4')).toBeInTheDocument();
    const analysis = screen.getByRole('region', { name: 'Perception analysis' });
    expect(
      within(analysis)
        .getAllByRole('paragraph')
        .map((p) => p.textContent),
    ).toEqual(['The user looked calm.', 'They smiled twice.']);
    expect(screen.getByRole('heading', { level: 3, name: 'Recording' })).toBeInTheDocument();
    expect(figure('Reported by Tavus')).toBe('The conversation was ended through Tavus');
  });
});
