import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { deferredRoomLink } from '@/lib/room-link';
import { ROOM_REFUSED_TEXT } from '../messages';
import { useCallStore } from './call-store';
import type { CallChannel } from './events';
import { createScriptedReplica, REFLECTIVE_LINES, type ScriptTiming } from './scripted-replica';
import { hostRoom } from './shared-room';
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
  hostName,
}: {
  conversationId: string;
  /** The private room's meeting_token: the simulated room, like Tavus's, admits nobody without it. */
  meetingToken?: string;
  onReady: (channel: CallChannel | null) => void;
  timing?: Partial<ScriptTiming>;
  /** A session together: the host's name; the partner's tab joins this call's room (shared-room.ts). */
  hostName?: string | undefined;
}) {
  const speaking = useCallStore((s) => s.replicaSpeaking);
  const services = useServices();
  // The room's answer to this tab's join: admitted (with the conversation's custom_greeting) or refused.
  const [entry, setEntry] = useState<{ id: string; admitted: boolean; greeting?: string | undefined } | null>(null);

  // The user is in the simulated room while this stage is shown, so the simulator's
  // participant_absent_timeout and participant_left_timeout behave as Tavus's do; a private room lets
  // nobody in without its token, and then no replica speaks. A tab that closes leaves the room too
  // (pagehide runs no effect cleanup): the simulator keeps the time in its stored state, and a later
  // load shuts the call down as of then plus participant_left_timeout, as Tavus would.
  useEffect(() => {
    const simulator = services.simulator?.();
    let inRoom: { room: { left(id: string): void } } | undefined;
    let gone = false;
    void (simulator ?? Promise.resolve(undefined))
      .then((s) => {
        if (gone) return;
        const admitted = s ? s.room.joined(conversationId, meetingToken) : true;
        if (s && admitted) inRoom = s;
        setEntry({ id: conversationId, admitted, greeting: s && admitted ? s.room.greeting(conversationId) : undefined });
      })
      .catch(() => {
        if (!gone) setEntry({ id: conversationId, admitted: true });
      });
    const onPageHide = () => inRoom?.room.left(conversationId); // synchronous: the page is going
    window.addEventListener('pagehide', onPageHide);
    return () => {
      gone = true;
      window.removeEventListener('pagehide', onPageHide);
      void simulator?.then(() => inRoom?.room.left(conversationId));
    };
  }, [services, conversationId, meetingToken]);

  const current = entry?.id === conversationId ? entry : null;
  const admitted = current?.admitted === true;
  const greeting = current?.greeting;
  useEffect(() => {
    if (!admitted) return;
    // What is said reaches the simulator too, for the transcript it sends after the call.
    const onUtterance = (role: 'user' | 'assistant', speech: string) =>
      void services.simulator?.().then((s) => s.room.said(conversationId, role, speech));
    // Across browsers only this browser's simulator holds the call: the partner's presence reaches it here.
    const room =
      hostName !== undefined
        ? hostRoom(conversationId, {
            open: services.simulatedRoom && deferredRoomLink(services.simulatedRoom, true),
            onPartner: async (present, partnerToken) => {
              const simulator = await services.simulator?.();
              if (!simulator) return true;
              if (present) return simulator.room.joined(conversationId, partnerToken, 'partner');
              simulator.room.left(conversationId, 'partner');
              return true;
            },
            // the partner's end, which their browser could not take to this simulator itself
            onEndedByPartner: () =>
              void services
                .tavus()
                .then((tavus) => tavus.conversations.end(conversationId))
                .catch(() => undefined),
          })
        : undefined;
    // The replica greets with the conversation's custom_greeting, as Tavus's does (a session together's
    // replica greets the host by name itself).
    const lines = greeting && hostName === undefined ? [greeting, ...REFLECTIVE_LINES.slice(1)] : undefined;
    const replica = createScriptedReplica({
      conversationId,
      onUtterance,
      ...(lines ? { lines } : {}),
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
  }, [admitted, greeting, conversationId, onReady, timing, services, hostName]);

  if (current && !current.admitted) return <p role="alert">{ROOM_REFUSED_TEXT}</p>;
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
