import { localAccountKey } from './account-key';
import { createRemoteDb } from './client';
import { serverRoomLink } from './room-link';
import type { OpenRoomLink } from '@/lib/room-link';
import type { EmbeddedDb } from '../embedded/embedded-db';

/** The dev server's shared database as this browser's account (VITE_LOCAL_DATA=dev-server). Import lazily. */
export function createDevServerDb(): EmbeddedDb {
  return createRemoteDb({ accountKey: localAccountKey(window.localStorage), EventSource: window.EventSource });
}

/** The simulated room of a call together through the dev server, as this browser's account. Import lazily. */
export function devServerRoomLink(): OpenRoomLink {
  return serverRoomLink(localAccountKey(window.localStorage));
}
