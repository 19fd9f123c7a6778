import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SessionFailure } from '@/components/session-failure';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { describeEndReason } from '../messages';
import { formatDuration, formatTime, minutesLeft, minutesUsed } from '../format';
import { TranscriptLines } from '../call/transcript';
import type { EndNotice } from '../use-session-view';
import { useSummaryTranscript } from './use-transcript';

function durationSeconds(session: Session): number | null {
  if (!session.started_at || !session.ended_at) return null;
  // Whole seconds rounded up, as the charge counts them.
  return Math.max(0, Math.ceil((Date.parse(session.ended_at) - Date.parse(session.started_at)) / 1000));
}

/** After the end: how long it lasted, what it cost, what is left, and what was said. */
export function SessionSummary({ session: ended, gateway, notice }: { session: Session; gateway: SessionGateway; notice?: EndNotice }) {
  const services = useServices();
  // The row as the database holds it now: a shutdown callback may settle the charge after the end
  // (Tavus bills the call until it stops), and the summary must show the figure history and usage show.
  const session =
    useQuery({
      queryKey: queryKeys.session(ended.id),
      queryFn: async () => (await services.db()).getSession(ended.id),
    }).data ?? ended;
  const secondsLeft =
    useQuery({
      queryKey: queryKeys.secondsLeft(session.seconds_used),
      queryFn: async () => (await (await services.db()).usage()).secondsLeft,
    }).data ?? null;
  const { lines, source, waiting } = useSummaryTranscript(
    session,
    gateway.callTransport !== 'simulated' || services.simulatedCallbacks === true,
  );
  const failed = session.status === 'failed';
  const duration = durationSeconds(session);

  return (
    <section className="page summary" aria-labelledby="page-title">
      <h1 id="page-title">Session summary</h1>
      {notice && (
        <div role={notice.tone === 'error' ? 'alert' : 'status'} className={`notice${notice.tone === 'error' ? ' notice--error' : ''}`}>
          <p>{notice.text}</p>
        </div>
      )}
      {failed ? (
        <>
          <p>This session could not start. Nothing was charged.</p>
          <SessionFailure error={session.error} />
        </>
      ) : notice?.saysWhy ? (
        session.started_at && <p>It started at {formatTime(session.started_at)}.</p>
      ) : (
        <p>
          This session has ended: {describeEndReason(session.end_reason)}
          {session.started_at ? `, after starting at ${formatTime(session.started_at)}` : ''}.
        </p>
      )}
      <dl className="summary__figures">
        <div>
          <dt>Duration</dt>
          <dd>{duration === null ? 'did not start' : formatDuration(duration)}</dd>
        </div>
        <div>
          <dt>Minutes charged</dt>
          <dd>
            {minutesUsed(session.seconds_used)} ({formatDuration(session.seconds_used)})
          </dd>
        </div>
        <div>
          <dt>Minutes left</dt>
          <dd>{secondsLeft === null ? '…' : `${minutesLeft(secondsLeft)} (${formatDuration(secondsLeft)})`}</dd>
        </div>
      </dl>
      <section aria-labelledby="summary-transcript">
        <h2 id="summary-transcript">Transcript</h2>
        {source === 'call' && waiting && (
          <p role="status">This is what was heard during the call; Tavus's full transcript replaces it when it arrives.</p>
        )}
        {source === 'none' && (
          <p>
            {waiting
              ? 'The transcript is on its way from Tavus; it appears here when it arrives.'
              : 'No transcript is available for this session.'}
          </p>
        )}
        {lines.length > 0 && <TranscriptLines lines={lines} label="Transcript of the session" />}
      </section>
      <p className="summary__links">
        <Link to="/">Back to the start page</Link> · <Link to="/history">All sessions</Link>
      </p>
    </section>
  );
}
