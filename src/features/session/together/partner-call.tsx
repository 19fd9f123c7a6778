import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { JoinedSession } from '@/lib/db';
import { useServices } from '@/lib/services';
import { explainError, type Explained } from '../messages';
import { useCallStore } from '../call/call-store';
import type { CallChannel } from '../call/events';
import { CallTimer } from '../call/call-timer';
import { Transcript } from '../call/transcript';
import { ReplyBox } from '../call/reply-box';
import { useCallChannel } from '../call/use-call-channel';
import { GuestStage } from './guest-stage';
import { inviteStore, useFollow } from './use-invite';
import { TOGETHER_TEXT } from './texts';
import { sentence } from '@/lib/error-catalogue';

const LiveStage = lazy(() => import('../call/live-stage'));

/**
 * The partner's call: the host's conversation, the same transcript (their own answers as "You", the
 * host's under the host's name) and reply box. Ending ends the session for both; leaving ends nothing.
 */
export function PartnerCall({ joined, name }: { joined: JoinedSession; name: string }) {
  const services = useServices();
  const [channel, setChannel] = useState<CallChannel | null>(null);
  const [ending, setEnding] = useState(false);
  const [left, setLeft] = useState(false);
  const [error, setError] = useState<Explained | null>(null);
  const [endedHere, setEndedHere] = useState<{ session: JoinedSession; unconfirmed: boolean } | null>(null);
  const read = useCallback(async () => (await inviteStore(await services.db())).joinedSession(joined.id), [services, joined.id]);
  const followed = useFollow(read, !endedHere && !left);
  const session = endedHere?.session ?? followed.value ?? joined;
  const running = session.status === 'active' && !left;

  useEffect(() => {
    useCallStore.getState().begin(joined.id);
    useCallStore.getState().setOther(joined.host_name);
  }, [joined.id, joined.host_name]);

  const readiness = useCallChannel(channel);

  const end = async () => {
    setEnding(true);
    setError(null);
    try {
      const gateway = await services.sessions();
      if (!gateway.together) throw new Error(TOGETHER_TEXT.notOffered);
      const result = await gateway.together.end(joined.id);
      channel?.endedForBoth?.();
      setEndedHere({ session: result.session, unconfirmed: result.unconfirmed !== undefined });
    } catch (failure) {
      setError(explainError(failure, services.config.tavus.mode));
    } finally {
      setEnding(false);
    }
  };

  if (!running) {
    const byPartner = session.end_reason?.startsWith('partner_');
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{left ? 'You left the call' : 'The session has ended'}</h1>
        {left ? (
          <p>{TOGETHER_TEXT.leftNote}</p>
        ) : (
          <p role="status">{byPartner ? TOGETHER_TEXT.endedByYou : TOGETHER_TEXT.endedByHost(session.host_name)}</p>
        )}
        {endedHere?.unconfirmed && <p className="notice notice--error">{sentence('conversation_end_unconfirmed')}</p>}
        <p>{TOGETHER_TEXT.notCharged(session.host_name)}</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  }

  const deadline = Date.parse(session.started_at ?? session.created_at) + session.max_call_duration * 1000;
  const conversationId = session.tavus_conversation_id ?? session.id;
  // the private room's token came with the redeemed invite (the session as read again carries none)
  const meetingToken = joined.meeting_token ?? undefined;
  return (
    <section className="page call" aria-labelledby="page-title">
      <div className="call__top">
        <h1 id="page-title">Resolve together with {session.host_name}</h1>
        <CallTimer deadline={deadline} onLimit={followed.reload} />
      </div>
      <div className="call__stage">
        {services.config.tavus.mode === 'mock' ? (
          <GuestStage conversationId={conversationId} meetingToken={meetingToken} name={name} onReady={setChannel} />
        ) : (
          <Suspense fallback={<p aria-busy="true">Loading the call…</p>}>
            <LiveStage
              conversationUrl={session.conversation_url ?? ''}
              conversationId={conversationId}
              {...(meetingToken ? { meetingToken } : {})}
              onReady={setChannel}
              onEngineFailure={(detail) => setError({ code: 'call_engine_unavailable', title: detail, advice: '' })}
              onCallEnded={() => followed.reload()}
              onLeave={() => setLeft(true)}
            />
          </Suspense>
        )}
      </div>
      <div className="call__side">
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
          <button type="button" className="secondary" disabled={ending} onClick={() => setLeft(true)}>
            Leave the call
          </button>{' '}
          <button type="button" className="danger" disabled={ending} onClick={() => void end()}>
            End session for both
          </button>
        </p>
        {ending && <p role="status">Ending the session…</p>}
        {error && (
          <div role="alert" className="notice notice--error">
            <p>
              <strong>{error.title}</strong> {error.advice}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
