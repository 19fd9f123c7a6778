import { useEffect } from 'react';
import { useServices } from '@/lib/services';
import type { CallChannel } from '../call/events';
import { guestRoom } from '../call/shared-room';
import { SimulatedStage } from '../call/mock-stage';
import { useCallStore } from '../call/call-store';

/** The partner's side of a simulated call together: the room the host's tab plays the replica in. */
export function GuestStage({
  conversationId,
  name,
  onReady,
}: {
  conversationId: string;
  name: string;
  onReady: (channel: CallChannel | null) => void;
}) {
  const speaking = useCallStore((s) => s.replicaSpeaking);
  const services = useServices();

  useEffect(() => {
    const room = guestRoom(conversationId, name, services.simulatedRoom);
    // The partner is in the room too: the call goes on while either of the two is there. In another
    // browser the host's simulator holds the call and hears of the partner through the room instead.
    const simulator = room.acrossBrowsers ? undefined : services.simulator?.();
    void simulator?.then((s) => s.room.joined(conversationId, undefined, 'partner'));
    onReady(room);
    return () => {
      room.close();
      onReady(null);
      void simulator?.then((s) => s.room.left(conversationId, 'partner'));
    };
  }, [services, conversationId, name, onReady]);

  return <SimulatedStage speaking={speaking} />;
}
