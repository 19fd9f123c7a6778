import { create } from 'zustand';
import type { Services } from '@/lib/services';
import type { SessionType } from '@/lib/db';
import type { SessionOptions, StartedSession } from '@/lib/sessions/types';
import type { Explained } from '../messages';
import { keepMeetingToken } from '../call-tokens';
import { explainLater } from './explain-later';

interface StartState {
  phase: 'idle' | 'starting' | 'failed';
  error?: Explained;
  /** The meeting_token of each session started in this tab (private rooms only), for joining its call. */
  meetingTokens: Record<string, string>;
  /** `hostName`: a session together's host, as the replica and the partner will call them. */
  start(
    services: Pick<Services, 'sessions' | 'config'>,
    sessionType: SessionType,
    options?: SessionOptions,
    hostName?: string,
  ): Promise<StartedSession | null>;
  clearError(): void;
  reset(): void;
}

export const useStartStore = create<StartState>()((set, get) => ({
  phase: 'idle',
  meetingTokens: {},
  async start(services, sessionType, options = {}, hostName) {
    if (get().phase === 'starting') return null; // a double click starts one session
    set({ phase: 'starting', error: undefined });
    try {
      // The studio's persona choice (a persisted store) loads with the start, not with the first page.
      const [gateway, { useJourneyChoice }] = await Promise.all([services.sessions(), import('@/stores/journey-choice-store')]);
      const { personaId, replicaId } = useJourneyChoice.getState();
      const started = await gateway.start({
        sessionType,
        ...(personaId ? { personaId } : {}),
        ...(replicaId ? { replicaId } : {}),
        options,
        ...(sessionType === 'resolve_together' && hostName !== undefined ? { hostName } : {}),
      });
      const token = started.meetingToken;
      if (token) keepMeetingToken(started.session.id, token);
      set((state) => ({ phase: 'idle', ...(token ? { meetingTokens: { ...state.meetingTokens, [started.session.id]: token } } : {}) }));
      return started;
    } catch (error) {
      set({ phase: 'failed', error: await explainLater(error, services.config.tavus.mode) });
      return null;
    }
  },
  clearError() {
    set({ phase: 'idle', error: undefined });
  },
  reset() {
    set({ phase: 'idle', error: undefined, meetingTokens: {} });
  },
}));
