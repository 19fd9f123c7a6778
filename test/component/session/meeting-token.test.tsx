import { renderHook } from '@testing-library/react';
import { useCVICall } from '@/components/cvi/hooks/use-cvi-call';
import { useStartStore } from '@/features/session/home/start-store';
import type { Services } from '@/lib/services';
import type { SessionGateway, StartedSession } from '@/lib/sessions/types';
import { config } from './harness';

// A private room (require_auth) admits only with the conversation's meeting_token.
const daily = vi.hoisted(() => ({ joins: [] as unknown[] }));
vi.mock('@daily-co/daily-react', () => ({
  useDaily: () => ({ join: (options: unknown) => daily.joins.push(options), leave: () => undefined }),
}));

describe('joining a private room', () => {
  beforeEach(() => {
    daily.joins.length = 0;
    useStartStore.getState().reset();
  });

  it('keeps the meeting_token of a session started here, for its call', async () => {
    const started = {
      session: { id: 's1' },
      conversationUrl: 'https://tavus.daily.co/c1',
      meetingToken: 'tok-1',
    } as unknown as StartedSession;
    const gateway = { start: () => Promise.resolve(started) } as unknown as SessionGateway;
    const services = { config, sessions: () => Promise.resolve(gateway) } as unknown as Pick<Services, 'sessions' | 'config'>;
    await useStartStore.getState().start(services, 'reflect_alone');
    expect(useStartStore.getState().meetingTokens).toEqual({ s1: 'tok-1' });
  });

  it('joins the Daily room with the token when there is one, and without otherwise', () => {
    const { result } = renderHook(() => useCVICall());
    result.current.joinCall({ url: 'https://tavus.daily.co/c1', token: 'tok-1' });
    result.current.joinCall({ url: 'https://tavus.daily.co/c2' });
    expect(daily.joins).toEqual([
      expect.objectContaining({ url: 'https://tavus.daily.co/c1', token: 'tok-1' }),
      expect.not.objectContaining({ token: expect.anything() }),
    ]);
  });
});
