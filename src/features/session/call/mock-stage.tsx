import { useEffect } from 'react';
import { useServices } from '@/lib/services';
import { useCallStore } from './call-store';
import type { CallChannel } from './events';
import { createScriptedReplica, type ScriptTiming } from './scripted-replica';
import { hostRoom } from './shared-room';
import { CameraPreview } from './camera-preview';
import { ReplicaPortrait } from './replica-portrait';

/**
 * The simulated call of mock mode: a drawn replica portrait that speaks scripted reflective lines
 * through the same events a Tavus call sends, and the user's camera preview.
 */
export function MockStage({
  conversationId,
  onReady,
  timing,
  hostName,
}: {
  conversationId: string;
  onReady: (channel: CallChannel | null) => void;
  timing?: Partial<ScriptTiming>;
  /** A session together: the host's name; the partner's tab joins this call's room (shared-room.ts). */
  hostName?: string | undefined;
}) {
  const speaking = useCallStore((s) => s.replicaSpeaking);
  const services = useServices();

  // The user is in the simulated room while this stage is shown, so the simulator's
  // participant_absent_timeout and participant_left_timeout behave as Tavus's do. A tab that closes
  // leaves the room too (pagehide runs no effect cleanup): the simulator keeps the time in its stored
  // state, and a later load shuts the call down as of then plus participant_left_timeout, as Tavus would.
  useEffect(() => {
    const simulator = services.simulator?.();
    let inRoom: { room: { left(id: string): void } } | undefined;
    void simulator?.then((s) => {
      inRoom = s;
      s.room.joined(conversationId);
    });
    const onPageHide = () => inRoom?.room.left(conversationId); // synchronous: the page is going
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void simulator?.then((s) => s.room.left(conversationId));
    };
  }, [services, conversationId]);

  useEffect(() => {
    // What is said reaches the simulator too, for the transcript it sends after the call.
    const onUtterance = (role: 'user' | 'assistant', speech: string) =>
      void services.simulator?.().then((s) => s.room.said(conversationId, role, speech));
    const room = hostName !== undefined ? hostRoom(conversationId) : undefined;
    const replica = createScriptedReplica({
      conversationId,
      onUtterance,
      ...(timing ? { timing } : {}),
      ...(hostName !== undefined ? { together: { hostName } } : {}),
      ...(room ? { onAny: room.relay } : {}),
    });
    room?.attach(replica);
    onReady(replica);
    return () => {
      room?.close();
      replica.stop();
      onReady(null);
    };
  }, [conversationId, onReady, timing, services, hostName]);

  return <SimulatedStage speaking={speaking} />;
}

/** What a simulated call shows: the drawn replica and the user's camera. */
export function SimulatedStage({ speaking }: { speaking: boolean }) {
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
