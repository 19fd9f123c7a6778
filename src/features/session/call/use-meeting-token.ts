import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { keepMeetingToken, meetingTokenOf } from '../call-tokens';
import { useStartStore } from '../home/start-store';

/**
 * The meeting_token of the session's private room, for the host's call: the one this tab started
 * with, else the one kept in localStorage (a reload), else the one the database keeps with the
 * session (the host's other browser, or storage cleared: session_room). `known` is false while the
 * database is asked, so the call is not joined without a token it could have had.
 */
export function useMeetingToken(sessionId: string): { token: string | undefined; known: boolean } {
  const started = useStartStore((s) => s.meetingTokens[sessionId]);
  const local = started ?? meetingTokenOf(sessionId);
  const services = useServices();
  const [kept, setKept] = useState<{ id: string; token: string | null } | null>(null);

  useEffect(() => {
    if (local) return;
    let live = true;
    const settle = (token: string | null) => {
      if (!live) return;
      if (token) keepMeetingToken(sessionId, token);
      setKept({ id: sessionId, token });
    };
    services
      .db()
      .then((db) => db.invites?.sessionRoom(sessionId) ?? null)
      // not found, or no answer: the call is joined without, and a private room says why it refused
      .then(settle, () => settle(null));
    return () => {
      live = false;
    };
  }, [services, sessionId, local]);

  if (local) return { token: local, known: true };
  const found = kept?.id === sessionId ? kept : null;
  return { token: found?.token ?? undefined, known: found !== null };
}
