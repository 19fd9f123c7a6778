import type { PGliteInterface } from '@electric-sql/pglite';
import { mapDbErrors } from '../errors';
import { migrate, type SchemaSource } from './migrate';
import { ensureLocalUser, sweepStaleSessions } from './session-context';

/** Every tab listening on the shared database hears this after a session write commits. */
export const CHANGE_CHANNEL = 'awaknow_sessions';

/**
 * What every open of the embedded database does once, before the first tab's call: bring it up to
 * the schema, make (or find) the local user, and close sessions a closed tab left open, as the
 * server's scheduled job would. In the browser the database's worker runs it next to the database,
 * so none of these statements crosses to the page; answers the local user's id.
 */
export async function prepareDatabase(pg: PGliteInterface, source: SchemaSource): Promise<string> {
  await migrate(pg, source);
  const userId = await mapDbErrors(() => ensureLocalUser(pg));
  await mapDbErrors(() => sweepStaleSessions(pg, CHANGE_CHANNEL));
  return userId;
}
