import { useCallback, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { useServices } from '@/lib/services';
import { useSessionView, type EndNotice } from './use-session-view';
import { CallScreen } from './call/call-screen';
import { SessionSummary } from './summary/session-summary';
import { explainError, OPENING_CALL_TEXT, STILL_STARTING, type Explained } from './messages';
import { CallFrame } from './call-frame';
import './session.css';

function Page({ title, children, busy }: { title: string; children: React.ReactNode; busy?: boolean }) {
  return (
    <section className="page" aria-labelledby="page-title" aria-busy={busy || undefined}>
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}

/** Ends a session this tab does not run (open in another tab, or a start that never finished). */
function EndHere({
  session,
  gateway,
  label,
  reason,
  onDone,
}: {
  session: Session;
  gateway: SessionGateway;
  label: string;
  reason: string;
  onDone: () => void;
}) {
  const { config } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained | null>(null);
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          gateway.end(session.id, reason).then(onDone, (failure: unknown) => {
            setBusy(false);
            setError(explainError(failure, config.tavus.mode));
          });
        }}
      >
        {label}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error.title} {error.advice}
        </p>
      )}
    </>
  );
}

/** `/session/:id`: the call while it runs, its summary once it has ended. */
export function SessionPage() {
  const { id } = useParams();
  const { view, reload, finish, markEnding } = useSessionView(id);
  const onFinished = useCallback((session: Session, notice?: EndNotice) => finish(session, notice), [finish]);
  const onOtherTab = useCallback(() => void reload(), [reload]);
  // Just started from the start page, whose call screen said it was reserving: the same frame while the session is read.
  const startedHere = (useLocation().state as { startedHere?: boolean } | null)?.startedHere === true;

  switch (view.phase) {
    case 'loading':
      if (startedHere) return <CallFrame status={OPENING_CALL_TEXT} />;
      return (
        <Page title="Session" busy>
          <p>Loading the session…</p>
        </Page>
      );
    case 'not_found':
      return (
        <Page title="Session not found">
          <p>
            There is no session of yours at this address. <Link to="/">Start a session</Link>.
          </p>
        </Page>
      );
    case 'error':
      return (
        <Page title="Session">
          <div role="alert" className="notice notice--error">
            <p>
              <strong>{view.error.title}</strong> {view.error.advice}
            </p>
            <button type="button" className="secondary" onClick={() => void reload()}>
              Try again
            </button>
          </div>
        </Page>
      );
    case 'starting':
      return (
        <Page title="Session starting">
          {view.stale ? (
            <>
              <p>This session's start did not finish (its tab may have closed). Nothing was charged for it.</p>
              <EndHere
                session={view.session}
                gateway={view.gateway}
                label="Cancel that start"
                reason="start_abandoned"
                onDone={() => void reload()}
              />
            </>
          ) : (
            <p role="status">{STILL_STARTING}</p>
          )}
        </Page>
      );
    case 'other_tab':
      return (
        <Page title="Session running in another tab">
          <p>This session is open in another tab of this browser. Switch to that tab to continue it, or end it here.</p>
          <EndHere session={view.session} gateway={view.gateway} label="End session" reason="user_ended" onDone={() => void reload()} />
        </Page>
      );
    case 'call':
      return (
        <CallScreen
          key={view.session.id}
          session={view.session}
          gateway={view.gateway}
          onFinished={onFinished}
          onEnding={markEnding}
          onOtherTab={onOtherTab}
        />
      );
    case 'summary':
      return (
        <SessionSummary
          key={view.session.id}
          session={view.session}
          gateway={view.gateway}
          {...(view.notice ? { notice: view.notice } : {})}
        />
      );
  }
}
