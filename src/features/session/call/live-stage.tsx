import { useCallback, useEffect, useState } from 'react';
import Daily, { type DailyCall, type DailyEventObjectAppMessage, type DailyEventObjectParticipantLeft } from '@daily-co/daily-js';
import { DailyProvider } from '@daily-co/daily-react';
import { HairCheck } from '@/components/cvi/components/hair-check';
import { Conversation } from '@/components/cvi/components/conversation';
import {
  interruptMessage,
  overwriteContextMessage,
  parseConversationEvent,
  respondMessage,
  type CallChannel,
  type SendReadiness,
} from './events';
import { togetherContext } from '@/lib/sessions/together';

/** Daily's engine normally loads in a second or two; past this the network is not going to deliver it. */
export const ENGINE_LOAD_TIMEOUT_MS = 15_000;

export interface LiveStageProps {
  conversationUrl: string;
  /** The conversation's meeting_token: a private room (require_auth) admits only with it. */
  meetingToken?: string;
  conversationId: string;
  onReady: (channel: CallChannel | null) => void;
  /** The call engine could not be loaded: nothing can be joined. */
  onEngineFailure: (detail: string) => void;
  /** The call ended on its own (the replica left, the room closed); the reason is an end_session code. */
  onCallEnded: (reason: string, text: string) => void;
  onLeave: () => void;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

const isReplica = (participant: { user_id?: string; user_name?: string } | undefined) =>
  Boolean(participant?.user_id?.includes('tavus-replica'));

/**
 * In-call events of the Daily room, as one channel for the call screen. Messages can be sent once
 * the call is joined (daily-js refuses before) and reach the replica only once it is in the room.
 */
export function dailyChannel(call: DailyCall, conversationId: string): CallChannel {
  const readiness = (): SendReadiness => {
    if (call.meetingState() !== 'joined-meeting') return 'joining';
    const remote = Object.entries(call.participants()).some(([key, participant]) => key !== 'local' && !participant.local);
    return remote ? 'ready' : 'waiting_for_replica';
  };
  return {
    onEvent(listener) {
      const handler = (event?: DailyEventObjectAppMessage) => {
        const parsed = parseConversationEvent(event?.data);
        if (parsed) listener(parsed);
      };
      call.on('app-message', handler);
      return () => void call.off('app-message', handler);
    },
    readiness,
    onReadiness(listener) {
      const changes = ['joined-meeting', 'participant-joined', 'participant-left', 'left-meeting'] as const;
      const handler = () => listener(readiness());
      for (const name of changes) call.on(name, handler);
      return () => {
        for (const name of changes) call.off(name, handler);
      };
    },
    respond(text) {
      call.sendAppMessage(respondMessage(conversationId, text), '*');
    },
    interrupt() {
      call.sendAppMessage(interruptMessage(conversationId), '*');
    },
    partnerArrived(people) {
      call.sendAppMessage(overwriteContextMessage(conversationId, togetherContext(people)), '*');
    },
  };
}

/**
 * The live call: Daily's engine is loaded first (it comes from Daily's servers at run time), then
 * the hair check, then the conversation, both from @tavus/cvi-ui.
 */
export default function LiveStage({
  conversationUrl,
  meetingToken,
  conversationId,
  onReady,
  onEngineFailure,
  onCallEnded,
  onLeave,
}: LiveStageProps) {
  const [call, setCall] = useState<DailyCall | null>(null);
  const [phase, setPhase] = useState<'loading' | 'hair-check' | 'conversation' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    let instance: DailyCall | undefined;
    const load = async () => {
      instance = Daily.createCallObject({ allowMultipleCallInstances: true });
      await withTimeout(instance.load(), ENGINE_LOAD_TIMEOUT_MS);
      return instance;
    };
    load().then(
      (loaded) => {
        if (cancelled) return;
        setCall(loaded);
        setPhase('hair-check');
        onReady(dailyChannel(loaded, conversationId));
      },
      (error: unknown) => {
        if (cancelled) return;
        setPhase('failed');
        onEngineFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      onReady(null);
      void instance?.destroy().catch(() => undefined);
    };
  }, [conversationId, onReady, onEngineFailure]);

  useEffect(() => {
    if (!call) return;
    const onLeft = (event?: DailyEventObjectParticipantLeft) => {
      if (isReplica(event?.participant)) onCallEnded('replica_left', 'The replica left the call, so the session has ended.');
    };
    const onError = () => onCallEnded('call_error', 'The call was interrupted by a connection error, so the session has ended.');
    // The room closed under us (Tavus shut the conversation down); leaving on purpose ends the session first.
    const onLeftMeeting = () => onCallEnded('shutdown', 'The call was closed by Tavus, so the session has ended.');
    call.on('participant-left', onLeft);
    call.on('error', onError);
    call.on('left-meeting', onLeftMeeting);
    return () => {
      call.off('participant-left', onLeft);
      call.off('error', onError);
      call.off('left-meeting', onLeftMeeting);
    };
  }, [call, onCallEnded]);

  const join = useCallback(() => setPhase('conversation'), []);
  // The conversation component also "leaves" when the meeting fails: that is not the user's choice.
  const leave = useCallback(() => {
    if (call?.meetingState() === 'error') onCallEnded('call_error', 'The call failed, so the session has ended.');
    else onLeave();
  }, [call, onCallEnded, onLeave]);

  if (phase === 'loading') return <p aria-busy="true">Loading the video call…</p>;
  if (phase === 'failed' || !call) return <p role="alert">The video call could not be loaded.</p>;
  return (
    <DailyProvider callObject={call}>
      {phase === 'hair-check' ? (
        <HairCheck onJoin={join} onCancel={onLeave} />
      ) : (
        <Conversation conversationUrl={conversationUrl} {...(meetingToken ? { meetingToken } : {})} onLeave={leave} />
      )}
    </DailyProvider>
  );
}
