import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
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
  const [official, setOfficial] = useState<TranscriptLine[] | null>(() => officialLines(session.transcript));
  const [waiting, setWaiting] = useState(() => waitForTavus && officialLines(session.transcript) === null && session.started_at !== null);
  const [heard] = useState(() => {
    const call = useCallStore.getState();
    return call.sessionId === session.id ? call.lines : savedTranscript(session.id);
  });

  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    const deadline = Date.now() + TRANSCRIPT_WAIT_MS;
    const poll = async () => {
      if (stopped) return;
      const db = await services.db();
      const fresh = await db.getSession(session.id).catch(() => null);
      const lines = fresh ? officialLines(fresh.transcript) : null;
      if (stopped) return;
      if (lines) {
        setOfficial(lines);
        setWaiting(false);
      } else if (Date.now() >= deadline) setWaiting(false);
    };
    const timer = setInterval(() => void poll(), TRANSCRIPT_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [waiting, services, session.id]);

  const lines = official ?? heard;
  const source: TranscriptSource = official ? 'tavus' : heard.length ? 'call' : 'none';
  return { lines, source, waiting };
}
