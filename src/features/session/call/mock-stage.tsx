import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { ROOM_REFUSED_TEXT } from '../messages';
import { useCallStore } from './call-store';
import type { CallChannel } from './events';
import { createScriptedReplica, REFLECTIVE_LINES, type ScriptTiming } from './scripted-replica';
import { CameraPreview } from './camera-preview';
import { ReplicaPortrait } from './replica-portrait';

/**
 * The simulated call of mock mode: a drawn replica portrait that speaks scripted reflective lines
 * through the same events a Tavus call sends, and the user's camera preview.
 */
export function MockStage({
  conversationId,
  meetingToken,
  onReady,
  timing,
}: {
  conversationId: string;
  /** The private room's meeting_token: the simulated room, like Tavus's, admits nobody without it. */
  meetingToken?: string;
  onReady: (channel: CallChannel | null) => void;
  timing?: Partial<ScriptTiming>;
}) {
  const speaking = useCallStore((s) => s.replicaSpeaking);
  const services = useServices();

  const [refused, setRefused] = useState(false);
  useEffect(() => {
    const simulator = services.simulator?.();
    // What is said reaches the simulator too, for the transcript it sends after the call.
    const onUtterance = (role: 'user' | 'assistant', speech: string) =>
      void simulator?.then((s) => s.room.said(conversationId, role, speech));
    let replica: ReturnType<typeof createScriptedReplica> | undefined;
    let stopped = false;
    // The user is in the simulated room while this stage is shown, so the simulator's
    // participant_absent_timeout and participant_left_timeout behave as Tavus's do; a private
    // room lets nobody in without its token, and then no replica speaks.
    void (simulator ?? Promise.resolve(undefined))
      .then((s) => (s && !s.room.joined(conversationId, meetingToken) ? null : { greeting: s?.room.greeting(conversationId) }))
      .catch(() => ({ greeting: undefined }))
      .then((entry) => {
        if (stopped) return;
        if (!entry) return setRefused(true);
        // The replica greets with the conversation's custom_greeting, as Tavus's does.
        const lines = entry.greeting ? [entry.greeting, ...REFLECTIVE_LINES.slice(1)] : REFLECTIVE_LINES;
        replica = createScriptedReplica({ conversationId, onUtterance, lines, ...(timing ? { timing } : {}) });
        onReady(replica);
      });
    return () => {
      stopped = true;
      replica?.stop();
      onReady(null);
      void simulator?.then((s) => s.room.left(conversationId));
    };
  }, [conversationId, meetingToken, onReady, timing, services]);

  if (refused) return <p role="alert">{ROOM_REFUSED_TEXT}</p>;
  return (
    <div className="stage">
      <figure className={`stage__replica${speaking ? ' stage__replica--speaking' : ''}`}>
        <ReplicaPortrait speaking={speaking} />
        <figcaption>
          <strong>Your reflection guide</strong> <span className="stage__note">simulated call (mock mode)</span>
        </figcaption>
      </figure>
      <CameraPreview />
    </div>
  );
}
