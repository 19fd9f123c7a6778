import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Session } from '@/lib/db';
import { useCallStore, savedTranscript } from '../call/call-store';
import type { TranscriptLine } from '../call/transcript-state';

/** Tavus's transcript (application.transcription_ready) arrives up to a minute or so after the end. */
export const TRANSCRIPT_POLL_MS = 5_000;
export const TRANSCRIPT_WAIT_MS = 120_000;

/** Tavus's transcript as lines; system prompts are left out. */
export function officialLines(transcript: unknown): TranscriptLine[] | null {
  if (!Array.isArray(transcript)) return null;
  const lines: TranscriptLine[] = [];
  transcript.forEach((entry: unknown, index) => {
    const { role, content } = (entry ?? {}) as { role?: unknown; content?: unknown };
    if (typeof content !== 'string' || !content.trim()) return;
    if (role === 'user' || role === 'assistant' || role === 'replica') {
      lines.push({ id: `t-${index}`, role: role === 'user' ? 'user' : 'replica', text: content.trim(), final: true });
    }
  });
  return lines;
}

export type TranscriptSource = 'tavus' | 'call' | 'none';

/**
 * The transcript for the summary: Tavus's own when the session has it, otherwise what was heard in
 * the call. When the call was live, the database is asked again for a while, since Tavus sends the
 * transcript to the callback some time after the call.
 */
export function useSummaryTranscript(session: Session, waitForTavus: boolean) {
  const services = useServices();
  const [{ waitedFor, deadline }] = useState(() => ({
    waitedFor: waitForTavus && officialLines(session.transcript) === null && session.started_at !== null,
    deadline: Date.now() + TRANSCRIPT_WAIT_MS,
  }));
  const [heard] = useState(() => {
    const call = useCallStore.getState();
    return call.sessionId === session.id ? call.lines : savedTranscript(session.id);
  });
  // Nothing is asked at once (the session just read has no transcript): every few seconds until it
  // comes or the wait is over, and at once when the database reports a change.
  const polled = useQuery({
    queryKey: queryKeys.transcript(session.id),
    queryFn: async () => {
      const fresh = await (await services.db()).getSession(session.id).catch(() => null);
      return fresh ? officialLines(fresh.transcript) : null;
    },
    enabled: waitedFor,
    initialData: null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data || query.state.dataUpdatedAt >= deadline ? false : TRANSCRIPT_POLL_MS),
  });
  const official = officialLines(session.transcript) ?? polled.data;
  const waiting = waitedFor && official === null && polled.dataUpdatedAt < deadline;

  const lines = official ?? heard;
  const source: TranscriptSource = official ? 'tavus' : heard.length ? 'call' : 'none';
  return { lines, source, waiting };
}
