import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { deferredRoomLink } from '@/lib/room-link';
import type { CallChannel } from '../call/events';
import { guestRoom } from '../call/shared-room';
import { SimulatedStage } from '../call/mock-stage';
import { useCallStore } from '../call/call-store';
import { TOGETHER_TEXT } from './texts';

/** The partner's side of a simulated call together: the room the host's tab plays the replica in. */
export function GuestStage({
  conversationId,
  meetingToken,
  name,
  onReady,
}: {
  conversationId: string;
  /** The private room's meeting_token, as the redeemed invite carried it: the room admits nobody without it. */
  meetingToken?: string | undefined;
  name: string;
  onReady: (channel: CallChannel | null) => void;
}) {
  const speaking = useCallStore((s) => s.replicaSpeaking);
  const services = useServices();
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    let room: ReturnType<typeof guestRoom> | undefined;
    let gone = false;
    // Across browsers (the dev server's relay) the host's simulator holds the call: the token travels
    // with the partner's hello, and the host's page answers whether the private room let them in.
    if (services.simulatedRoom) {
      room = guestRoom(conversationId, name, deferredRoomLink(services.simulatedRoom, true), meetingToken);
      room.onRefused(() => {
        onReady(null);
        setRefused(conversationId);
      });
      onReady(room);
      return () => {
        room?.close();
        onReady(null);
      };
    }
    // Between tabs this browser's simulator holds the call: the partner is in the room too (the call
    // goes on while either of the two is there), once the room, like Tavus's private room, has let
    // them in with the token.
    const simulator = services.simulator?.();
    void (simulator ?? Promise.resolve(undefined)).then((s) => {
      if (gone) return;
      if (s && !s.room.joined(conversationId, meetingToken, 'partner')) {
        setRefused(conversationId);
        return;
      }
      room = guestRoom(conversationId, name);
      onReady(room);
    });
    return () => {
      gone = true;
      if (!room) return;
      room.close();
      onReady(null);
      void simulator?.then((s) => s.room.left(conversationId, 'partner'));
    };
  }, [services, conversationId, meetingToken, name, onReady]);

  if (refused === conversationId) return <p role="alert">{TOGETHER_TEXT.roomRefused}</p>;
  return <SimulatedStage speaking={speaking} />;
}
