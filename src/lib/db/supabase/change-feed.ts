import type { DbChange } from '../types';

export interface ChangeFeedOptions {
  /** Tabs of this browser hear each other's writes on this BroadcastChannel at once. */
  channelName: string;
  /** Other devices are noticed by polling this fingerprint while anyone listens; 0: never poll. */
  pollMs: number;
  fingerprint: () => Promise<string>;
  onPollError: (error: unknown) => void;
}

export interface ChangeFeed {
  /** A write made here: tell this tab's listeners and the other tabs. */
  publish(change: DbChange): void;
  /** Tell this tab's listeners only. */
  emitLocal(change: DbChange): void;
  subscribe(listener: (change: DbChange) => void): () => void;
  close(): void;
}

/**
 * Realtime would need a websocket per tab for one row that changes a few times an hour; a
 * BroadcastChannel plus a slow poll of the current session notices the same changes more cheaply.
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const listeners = new Set<(change: DbChange) => void>();
  let channel: BroadcastChannel | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let last: string | undefined;
  let polling = false;

  const emitLocal = (change: DbChange) => {
    for (const listener of [...listeners]) listener(change);
  };

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const next = await options.fingerprint();
      if (last !== undefined && next !== last) emitLocal({ kind: 'sessions' });
      last = next;
    } catch (error) {
      options.onPollError(error);
    } finally {
      polling = false;
    }
  }

  function start() {
    if (typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(options.channelName);
      channel.onmessage = (event: MessageEvent<DbChange>) => {
        if (event.data?.kind === 'sessions') emitLocal(event.data);
      };
    }
    if (options.pollMs > 0) {
      void poll();
      timer = setInterval(() => void poll(), options.pollMs);
    }
  }

  function stop() {
    channel?.close();
    channel = undefined;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    last = undefined;
  }

  return {
    publish(change) {
      emitLocal(change);
      // Our own write is not news to the poller; other tabs hear it through the channel.
      last = undefined;
      if (channel) channel.postMessage(change);
      else if (typeof BroadcastChannel !== 'undefined') {
        const once = new BroadcastChannel(options.channelName);
        once.postMessage(change);
        once.close();
      }
    },
    emitLocal,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) stop();
      };
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}
