import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useCallStore } from './call-store';
import type { CallChannel, SendReadiness } from './events';

/** Feeds the call's events to the transcript store and answers whether a message can be sent now. */
export function useCallChannel(channel: CallChannel | null): SendReadiness {
  useEffect(() => {
    if (!channel) return;
    return channel.onEvent((event) => useCallStore.getState().apply(event));
  }, [channel]);
  const subscribe = useCallback((onChange: () => void) => (channel ? channel.onReadiness(onChange) : () => undefined), [channel]);
  return useSyncExternalStore(subscribe, () => channel?.readiness() ?? 'joining');
}
