import { useState } from 'react';
import { Link } from 'react-router';
import { useServices } from '@/lib/services';
import { deadlineOf, type OpenSessionState } from '../resolve';
import type { Explained } from '../messages';
import { STARTING_ELSEWHERE } from './shown-later-messages';
import { explainLater } from './explain-later';
import { formatDuration, formatTime } from '../format';

/** Says what became of an open session and offers the way forward: return to it, or end it. */
export function OpenSessionNotice({ open, onChange }: { open: OpenSessionState; onChange: () => Promise<void> }) {
  const services = useServices();
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<Explained | null>(null);

  if (open.kind === 'none') return null;
  const session = open.session;
  const summary = <Link to={`/session/${session.id}`}>See its summary</Link>;

  async function end(reason: string) {
    setEnding(true);
    setError(null);
    try {
      await (await services.sessions()).end(session.id, reason);
    } catch (failure) {
      setError(await explainLater(failure, services.config.tavus.mode));
    } finally {
      setEnding(false);
      await onChange();
    }
  }

  const failure = error && (
    <p role="alert" className="error-text">
      {error.title} {error.advice}
    </p>
  );

  switch (open.kind) {
    case 'ended_on_leave':
      return (
        <div className="notice" role="note">
          <p>Your last session ended when its tab was closed or reloaded ({formatDuration(open.session.seconds_used)} charged).</p>
          {summary}
        </div>
      );
    case 'ended_at_limit':
      return (
        <div className="notice" role="note">
          <p>Your last session reached its time limit and has ended.</p>
          {summary}
        </div>
      );
    case 'other_tab':
      return (
        <div className="notice notice--warning" role="note">
          <p>A session is already running in another tab of this browser. Only one session can run at a time.</p>
          <Link to={`/session/${session.id}`}>Return to the running session</Link>
        </div>
      );
    case 'running': {
      const deadline = deadlineOf(session);
      return (
        <div className="notice notice--warning" role="note">
          <p>
            A session is already running
            {session.started_at && deadline !== null
              ? ` (started at ${formatTime(session.started_at)}, ends by ${formatTime(new Date(deadline).toISOString())})`
              : ''}
            , perhaps on another device. Only one session can run at a time.
          </p>
          <p className="notice__actions">
            <Link to={`/session/${session.id}`}>Return to the running session</Link>{' '}
            <button type="button" className="danger" disabled={ending} onClick={() => void end('user_ended')}>
              End that session
            </button>
          </p>
          {failure}
        </div>
      );
    }
    case 'starting':
      return (
        <div className="notice notice--warning" role="note">
          {open.stale ? (
            <>
              <p>A session start did not finish (its tab may have closed). Nothing was charged for it.</p>
              <button type="button" className="secondary" disabled={ending} onClick={() => void end('start_abandoned')}>
                Cancel that start
              </button>
            </>
          ) : (
            <p>{STARTING_ELSEWHERE}</p>
          )}
          {failure}
        </div>
      );
  }
}
