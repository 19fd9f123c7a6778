import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_ERROR_CODES, DbError } from '@/lib/db';
import {
  AbortedError,
  AuthenticationError,
  ConcurrencyLimitError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  OutOfCreditsError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TavusError,
  TimeoutError,
  UnexpectedResponseError,
} from '@/lib/tavus';
import { errorFromProxy } from '@/lib/sessions/proxy';
import { dbError } from '../../supabase/functions/_shared/db.ts';
import { errorResponse } from '../../supabase/functions/_shared/http.ts';
import { fromTavusError } from '../../supabase/functions/_shared/tavus.ts';
import { migrationsDir } from '../db/harness';

const log = () => undefined;
const init = { path: 'POST /v2/conversations', status: 400, serverMessage: 'said so' };

/** What the browser ends up with for a failure the server answered. */
async function roundTrip(response: Response): Promise<Error> {
  return errorFromProxy(response.status, await response.json(), 'POST /tavus/sessions', response.headers);
}

/** Every stable code a migration raises, read from the migrations themselves. */
const raised = [
  ...new Set(
    readdirSync(migrationsDir).flatMap((file) =>
      [...readFileSync(join(migrationsDir, file), 'utf8').matchAll(/raise exception '([a-z_]+)'/g)].map((match) => match[1]!),
    ),
  ),
];

describe('every database code keeps its meaning through the proxy', () => {
  // the server's own configuration, not the caller's doing
  const serverSide = ['forbidden', 'plan_not_found', 'deployment_not_proxy'];

  it.each(raised.filter((code) => !serverSide.includes(code)))('%s, raised by a migration, is a 4xx with its code', (code) => {
    const failure = dbError({ code: 'P0001', message: code, details: 'from the migration', hint: null }, log);
    expect(failure.code).toBe(code);
    expect(failure.status).toBeGreaterThanOrEqual(400);
    expect(failure.status).toBeLessThan(500);
  });

  it('deployment_not_proxy is a 503 that tells the operator what to run', () => {
    const failure = dbError(
      {
        code: 'P0001',
        message: 'deployment_not_proxy',
        details: 'Browsers write sessions.',
        hint: "update private.deployment set session_owner = 'server';",
      },
      log,
    );
    expect(failure).toMatchObject({ status: 503, code: 'deployment_not_proxy' });
    expect(failure.message).toContain('session_owner');
  });

  it.each(DB_ERROR_CODES.filter((code) => code !== 'db_error'))('%s becomes the same DbError in the browser', async (code) => {
    const failure = dbError({ code: 'P0001', message: code, details: 'from the migration', hint: null }, log);
    expect(failure.code).toBe(code);
    // the server's own configuration is a 5xx; every other refusal the caller's 4xx
    expect(failure.status).toBeGreaterThanOrEqual(serverSide.includes(code) && code !== 'forbidden' ? 500 : 400);
    expect(failure.status).toBeLessThan(serverSide.includes(code) && code !== 'forbidden' ? 600 : 500);
    const error = await roundTrip(errorResponse(failure));
    expect(error).toBeInstanceOf(DbError);
    expect((error as DbError).code).toBe(code);
  });

  it('hides unknown database failures behind db_error (500) and logs them', async () => {
    const logged: unknown[] = [];
    const failure = dbError({ code: '42P01', message: 'relation "secret_table" does not exist' }, (_m, data) => logged.push(data));
    expect(failure).toMatchObject({ status: 500, code: 'db_error' });
    expect(failure.message).not.toContain('secret_table');
    expect(logged).toHaveLength(1);
    expect(((await roundTrip(errorResponse(failure))) as DbError).code).toBe('db_error');
  });

  it('maps an expired or bad JWT seen by PostgREST to not_authenticated (401)', () => {
    expect(dbError({ code: 'PGRST303', message: 'JWT expired' }, log)).toMatchObject({ status: 401, code: 'not_authenticated' });
  });
});

describe('every Tavus failure keeps its code through the proxy', () => {
  const cases: Array<[TavusError, number]> = [
    [new AuthenticationError({ ...init, status: 401 }), 502],
    [new PermissionDeniedError({ ...init, status: 403 }), 502],
    [new OutOfCreditsError({ ...init, status: 402 }), 402],
    [new ConcurrencyLimitError(init), 429],
    [new RateLimitError({ ...init, status: 429, retryAfterMs: 3_000 }), 429],
    [new NotFoundError({ ...init, status: 404 }), 502],
    [new InvalidRequestError(init), 502],
    [new ServerError({ ...init, status: 503 }), 502],
    [new ConnectionError({ path: init.path, reason: 'reset' }), 502],
    [new TimeoutError({ path: init.path, timeoutMs: 15_000 }), 504],
    [new AbortedError({ path: init.path }), 502],
    [new UnexpectedResponseError({ path: init.path, summary: 'no conversation_id' }), 502],
  ];

  it.each(cases)('%s', async (tavusError, status) => {
    const failure = fromTavusError(tavusError);
    expect(failure).toMatchObject({ status, code: tavusError.code });
    const error = await roundTrip(errorResponse(failure));
    expect(error).toBeInstanceOf(TavusError);
    expect(error.constructor).toBe(tavusError.constructor);
    expect((error as TavusError).code).toBe(tavusError.code);
  });

  it('passes the wait of a rate limit on as Retry-After', async () => {
    const failure = fromTavusError(new RateLimitError({ ...init, status: 429, retryAfterMs: 2_500 }));
    const response = errorResponse(failure);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(((await roundTrip(response)) as RateLimitError).retryAfterMs).toBe(3_000);
  });
});
