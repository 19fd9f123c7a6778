import { localAccountKey } from './account-key';
import { createRemoteDb } from './client';
import type { EmbeddedDb } from '../embedded/embedded-db';

/** The dev server's shared database as this browser's account (VITE_LOCAL_DATA=dev-server). Import lazily. */
export function createDevServerDb(): EmbeddedDb {
  return createRemoteDb({ accountKey: localAccountKey(window.localStorage), EventSource: window.EventSource });
}
