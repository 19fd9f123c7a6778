import type { PGliteInterface } from '@electric-sql/pglite';
import { DbError, mapDbErrors } from '../errors';
import { migrate, recordedSchemaHash, recordSchemaHash, type SchemaSource } from './migrate';
import { ensureLocalAccount } from './local-account';
import { sweepStaleSessions } from './session-context';

/** Every tab listening on the shared database hears this after a session write commits. */
export const CHANGE_CHANNEL = 'awaknow_sessions';

/**
 * What every open of the embedded database does once, before the first tab's call: bring it up to
 * the schema, make (or find) the local user, and close sessions a closed tab left open, as the
 * server's scheduled job would. In the browser the database's worker runs it next to the database,
 * so none of these statements crosses to the page; answers the local user's id. With `schemaHash`
 * (the build's), a database that records it skips the migrations check and never loads the schema;
 * one that does not (new, or made by an earlier build) is checked and migrated, then records it.
 */
export async function prepareDatabase(pg: PGliteInterface, source: () => Promise<SchemaSource>, schemaHash?: string): Promise<string> {
  const current = schemaHash !== undefined && (await recordedSchemaHash(pg)) === schemaHash;
  if (!current) {
    await migrate(pg, await source());
    if (schemaHash !== undefined) await recordSchemaHash(pg, schemaHash);
  }
  const userId = await mapDbErrors(() => ensureLocalAccount(pg, 'user'));
  await mapDbErrors(() => sweepStaleSessions(pg, CHANGE_CHANNEL));
  return userId;
}

// What the worker's preparation came to, for the tabs to read: session settings of the one
// Postgres session every tab shares (set outside any transaction, so no rollback undoes them).
const LOCAL_USER = 'awaknow.local_user';
const OPEN_ERROR = 'awaknow.open_error';

/**
 * The worker's side: prepares the database and leaves the outcome where every tab can read it. A
 * failure (an edited migration, say) is kept as that message, so each tab's first call shows it
 * instead of waiting on a worker that never answers.
 */
export async function prepareForTabs(pg: PGliteInterface, source: () => Promise<SchemaSource>, schemaHash?: string): Promise<void> {
  try {
    const userId = await prepareDatabase(pg, source, schemaHash);
    await pg.query('select set_config($1, $2, false), set_config($3, $4, false)', [LOCAL_USER, userId, OPEN_ERROR, '']);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await pg.query('select set_config($1, $2, false), set_config($3, $4, false)', [LOCAL_USER, '', OPEN_ERROR, message]);
  }
}

/** A tab's side: the local user the worker made or found, or the worker's failure as a DbError. */
export async function preparedUserId(pg: PGliteInterface): Promise<string> {
  const { rows } = await pg.query<{ user_id: string | null; error: string | null }>(
    'select current_setting($1, true) as user_id, current_setting($2, true) as error',
    [LOCAL_USER, OPEN_ERROR],
  );
  const { user_id: userId, error } = rows[0] ?? { user_id: null, error: null };
  if (error) throw new DbError('db_error', error);
  if (!userId) throw new DbError('db_error', 'The local database was not prepared by its worker. Reload the page.');
  return userId;
}
