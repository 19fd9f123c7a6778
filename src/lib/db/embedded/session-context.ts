import type { PGliteInterface, Transaction } from '@electric-sql/pglite';

/** The sweep a production server runs on a schedule; here the embedded database plays the server. */
const SWEEP = (channel: string) => `select pg_notify('${channel}', '') where public.expire_stale_sessions() > 0`;

async function actAs(tx: Transaction, role: 'authenticated' | 'service_role', claims: object): Promise<void> {
  await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
}

export interface AsUserOptions {
  /** First close sessions left open past their limit (as the service role), in the same transaction. */
  sweepFirst?: { channel: string };
}

/**
 * Runs `work` the way PostgREST runs a request: one transaction, role `authenticated`, the JWT
 * claims of the user. Row-level security and the functions' auth.uid() checks apply unchanged.
 * (One transaction per call also matters for speed: a browser database is written out after each.)
 */
export async function asUser<T>(
  pg: PGliteInterface,
  userId: string,
  work: (tx: Transaction) => Promise<T>,
  options: AsUserOptions = {},
): Promise<T> {
  return pg.transaction(async (tx) => {
    if (options.sweepFirst) {
      await actAs(tx, 'service_role', { role: 'service_role' });
      await tx.query(SWEEP(options.sweepFirst.channel));
    }
    await actAs(tx, 'authenticated', { sub: userId, role: 'authenticated', aud: 'authenticated' });
    return work(tx);
  });
}

/**
 * A Tavus callback as the tavus-webhook function records it (record_tavus_event, as the service
 * role), in the browser's own database: local data mode has no server for Tavus to call. The
 * envelope is stored without webhook_url, as the webhook stores it. Tells the page which session changed.
 */
export async function recordTavusCallback(pg: PGliteInterface, channel: string, envelope: Record<string, unknown>): Promise<void> {
  const { webhook_url: _secretBearing, ...event } = envelope;
  await pg.transaction(async (tx) => {
    await actAs(tx, 'service_role', { role: 'service_role' });
    await tx.query(`select pg_notify('${channel}', s.id::text) from public.record_tavus_event($1, $2::jsonb) as s`, [
      typeof event.conversation_id === 'string' ? event.conversation_id : null,
      JSON.stringify(event),
    ]);
  });
}

export async function sweepStaleSessions(pg: PGliteInterface, channel: string): Promise<void> {
  await pg.transaction(async (tx) => {
    await actAs(tx, 'service_role', { role: 'service_role' });
    await tx.query(SWEEP(channel));
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A read as `asUser` runs it, sent as one message: Postgres runs the statements of one simple query
 * as one transaction (so the local settings hold for the read and end with it), and the worker
 * answers once instead of once per protocol step of each statement. For reads without parameters;
 * the claims are spelled inline, from a user id that must be a uuid. Answers the read's first row.
 */
export async function readAsUser<T>(pg: PGliteInterface, userId: string, sql: string): Promise<T | undefined> {
  if (!UUID.test(userId)) throw new Error(`not a user id: ${JSON.stringify(userId)}`);
  const claims = JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' });
  const results = await pg.exec(
    `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '${claims}', true); ${sql}`,
  );
  return results.at(-1)?.rows[0] as T | undefined;
}
