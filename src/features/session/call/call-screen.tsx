import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { useServices } from '@/lib/services';
import type { Session } from '@/lib/db';
import { ConversationEndUnconfirmedError, type SessionGateway } from '@/lib/sessions/types';
import { explainError, type Explained } from '../messages';
import { holdCall, noteLeft, clearLeftNote } from '../ownership';
import { forgetMeetingToken } from '../call-tokens';
import { deadlineOf } from '../resolve';
import type { EndNotice } from '../use-session-view';
import { useCallStore } from './call-store';
import type { CallChannel } from './events';
import { CallTimer, WARNING_SECONDS } from './call-timer';
import { Transcript } from './transcript';
import { ReplyBox } from './reply-box';
import { MockStage } from './mock-stage';
import { LeaveDialog } from './leave-dialog';
import { useTogetherHost } from '../together/use-invite';
import { forgetPartnerTold } from '../together/tell-partner';
import { InvitePanel } from '../together/invite-panel';
import { useCallChannel } from './use-call-channel';
import { useMeetingToken } from './use-meeting-token';

// The Daily engine and the call components load only when a live call starts.
const LiveStage = lazy(() => import('./live-stage'));

export const ENGINE_FAILURE_TEXT =
  'The video call could not start: its call engine, which the browser downloads from Daily, could not be loaded. ' +
  'Check your connection (or any blocker of c.daily.co), then start a new session.';

interface CallScreenProps {
  session: Session;
  gateway: SessionGateway;
  onFinished: (session: Session, notice?: EndNotice) => void;
  onEnding: (ending: boolean) => void;
  onOtherTab: () => void;
}

/**
 * One call, whichever way it is carried: the same transcript, reply box, timer and ending for the
 * Daily room and for the simulated call. Every way out ends both the conversation and the session.
 */
export function CallScreen({ session, gateway, onFinished, onEnding, onOtherTab }: CallScreenProps) {
  const { config } = useServices();
  const [channel, setChannel] = useState<CallChannel | null>(null);
  const [interruptFailure, setInterruptFailure] = useState<string | null>(null);
  const replicaSpeaking = useCallStore((s) => s.replicaSpeaking);
  // started in this tab, kept from before a reload, or kept by the database
  const room = useMeetingToken(session.id);
  const meetingToken = room.token;
  const [error, setError] = useState<Explained | null>(null);
  const [ending, setEnding] = useState(false);
  const endingRef = useRef(false);
  const deadline = deadlineOf(session) ?? Date.parse(session.created_at) + session.max_call_duration * 1000;
  const conversationId = session.tavus_conversation_id ?? session.id;
  const host = useTogetherHost(session, channel);

  const end = useCallback(
    async (reason: string, notice?: EndNotice, leaveTo?: () => void) => {
      if (endingRef.current) return;
      endingRef.current = true;
      onEnding(true);
      setEnding(true);
      setError(null);
      try {
        const ended = await gateway.end(session.id, reason);
        clearLeftNote(session.id);
        forgetMeetingToken(session.id);
        forgetPartnerTold(session.id);
        if (leaveTo) leaveTo();
        else onFinished(ended, notice);
      } catch (failure) {
        if (failure instanceof ConversationEndUnconfirmedError) {
          if (leaveTo) leaveTo();
          else onFinished(failure.session, { tone: 'error', text: failure.message });
          return;
        }
        endingRef.current = false;
        onEnding(false);
        setEnding(false);
        setError(explainError(failure, config.tavus.mode));
      }
    },
    [gateway, session.id, onFinished, onEnding, config.tavus.mode],
  );

  // This tab is in the call: other tabs see the lock and stay out.
  useEffect(() => {
    const hold = holdCall(session.id);
    void hold.acquired.then((ok) => {
      if (!ok) onOtherTab();
    });
    return () => hold.release();
  }, [session.id, onOtherTab]);

  useEffect(() => useCallStore.getState().begin(session.id), [session.id]);

  const readiness = useCallChannel(channel);

  // Closing or reloading the tab: the browser asks first (beforeunload). A tab that goes anyway
  // leaves a note with the time; a reload comes back within the conversation's
  // participant_left_timeout and finds its call, a tab that is really gone is ended on a later load
  // (or by Tavus's shutdown of the call, which a proxy deployment's webhook records).
  useEffect(() => {
    clearLeftNote(session.id); // this tab is (back) in the call
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (endingRef.current) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers ask only when this is set
    };
    const onPageHide = () => {
      if (!endingRef.current) noteLeft(session.id, 'tab_closed');
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload(); // back from the page cache: read the session afresh
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [session.id]);

  // Leaving the page inside the app would leave the call running: ask first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => !endingRef.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // `conversation.interrupt`: the replica stops mid-sentence and waits for the user.
  const interrupt = () => {
    try {
      channel?.interrupt();
      setInterruptFailure(null);
    } catch (failure) {
      setInterruptFailure(`The replica could not be asked to stop (${failure instanceof Error ? failure.message : String(failure)}).`);
    }
  };

  const onLimit = useCallback(() => void end('limit_reached', { tone: 'info', text: 'The session reached its time limit.' }), [end]);
  const onEngineFailure = useCallback(
    (detail: string) => void end('call_engine_unavailable', { tone: 'error', text: `${ENGINE_FAILURE_TEXT} (${detail})` }),
    [end],
  );
  const onCallEnded = useCallback((reason: string, text: string) => void end(reason, { tone: 'info', text }), [end]);

  return (
    <section className="page call" aria-labelledby="page-title">
      <div className="call__top">
        <h1 id="page-title">Your reflection session</h1>
        <CallTimer deadline={deadline} onLimit={onLimit} />
      </div>
      <div className="call__stage">
        {gateway.callTransport === 'simulated' ? (
          host.loaded && room.known ? (
            <MockStage
              conversationId={conversationId}
              {...(meetingToken ? { meetingToken } : {})}
              onReady={setChannel}
              hostName={host.invite?.host_name}
            />
          ) : (
            <p aria-busy="true">Loading the call…</p>
          )
        ) : !room.known ? (
          <p aria-busy="true">Loading the call…</p>
        ) : (
          <Suspense fallback={<p aria-busy="true">Loading the call…</p>}>
            <LiveStage
              conversationUrl={session.conversation_url ?? ''}
              {...(meetingToken ? { meetingToken } : {})}
              conversationId={conversationId}
              onReady={setChannel}
              onEngineFailure={onEngineFailure}
              onCallEnded={onCallEnded}
              onLeave={() => void end('user_ended')}
            />
          </Suspense>
        )}
      </div>
      <div className="call__side">
        {host.together && <InvitePanel sessionId={session.id} invite={host.invite} onChanged={host.reload} />}
        <Transcript />
        <ReplyBox
          readiness={readiness}
          disabled={ending}
          onSend={(text) => {
            channel?.respond(text);
            useCallStore.getState().noteSent(text);
          }}
        />
        <p className="call__actions">
          <button
            type="button"
            className="secondary"
            disabled={!channel || readiness !== 'ready' || !replicaSpeaking || ending}
            onClick={interrupt}
          >
            Stop talking
          </button>{' '}
          <button type="button" className="danger" disabled={ending} onClick={() => void end('user_ended')}>
            End session
          </button>
        </p>
        {interruptFailure && <p role="alert">{interruptFailure}</p>}
        {ending && <p role="status">Ending the session…</p>}
        {error && (
          <div role="alert" className="notice notice--error">
            <p>
              <strong>The session could not be ended.</strong> {error.title} {error.advice}
            </p>
          </div>
        )}
      </div>
      {blocker.state === 'blocked' && (
        <LeaveDialog onLeave={() => void end('left_page', undefined, () => blocker.proceed?.())} onStay={() => blocker.reset?.()} />
      )}
      <p className="visually-hidden">
        The session ends automatically when the time runs out; a warning appears {WARNING_SECONDS} seconds before.
      </p>
    </section>
  );
}
