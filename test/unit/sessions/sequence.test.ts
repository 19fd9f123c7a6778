import { AbortedError, ConnectionError, errorFromResponse, TimeoutError, UnexpectedResponseError, type TavusError } from '@/lib/tavus';
import { mayHaveCreated, retry, startSequence, tavusConversationSteps } from '@/lib/sessions/sequence';
import { fromTavusError } from '../../../supabase/functions/_shared/tavus.ts';
import { embeddedDbForFile, recordedTavus } from './harness';

const data = embeddedDbForFile();
beforeEach(() => data.reset('growth'));

const path = 'POST /v2/conversations';
const refusals: TavusError[] = [
  errorFromResponse(401, { message: 'Invalid access token' }, path),
  errorFromResponse(402, { message: 'out of conversational credits' }, path),
  errorFromResponse(400, { message: 'User has reached maximum concurrent conversations' }, path),
  errorFromResponse(403, { message: 'forbidden' }, path),
  errorFromResponse(404, { message: 'not found' }, path),
  errorFromResponse(400, { message: 'Invalid persona_id' }, path),
  errorFromResponse(429, { message: 'slow down' }, path),
];
const maybes: TavusError[] = [
  errorFromResponse(500, { message: 'boom' }, path),
  new ConnectionError({ path, reason: 'Failed to fetch' }),
  new TimeoutError({ path, timeoutMs: 15_000 }),
  new AbortedError({ path }),
  new UnexpectedResponseError({ path, summary: 'no conversation_id' }),
];

describe('whether Tavus may have created the call', () => {
  it('is no only for a refusal, the same for the browser (TavusError) and the server (its ApiError)', () => {
    for (const error of refusals) {
      expect([error.code, mayHaveCreated(error), mayHaveCreated(fromTavusError(error))]).toEqual([error.code, false, false]);
    }
    for (const error of maybes) {
      expect([error.code, mayHaveCreated(error), mayHaveCreated(fromTavusError(error))]).toEqual([error.code, true, true]);
    }
    expect(mayHaveCreated(new TypeError('Failed to fetch'))).toBe(true);
  });
});

describe('startSequence', () => {
  it('after an aborted create, ends the call Tavus made anyway and fails the reservation, uncharged', async () => {
    const db = data.db();
    const tavus = recordedTavus();
    const steps = tavusConversationSteps(tavus.client.conversations);
    const aborting = {
      ...steps,
      create: async (body: Parameters<typeof steps.create>[0]) => {
        await steps.create(body);
        throw new AbortedError({ path });
      },
    };

    await expect(
      startSequence(
        {
          reserve: () => db.startSession({ sessionType: 'reflect_alone', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' }),
          attach: (s, c) => db.attachConversation(s.id, c.conversation_id, c.conversation_url),
          fail: (s, why) => db.failSession(s.id, why),
        },
        aborting,
        { personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a' },
      ),
    ).rejects.toBeInstanceOf(AbortedError);

    expect(await tavus.activeConversations()).toEqual([]);
    expect((await tavus.client.conversations.list({ status: 'ended' })).data).toHaveLength(1);
    const { rows } = await db.listSessions({ page: 1, pageSize: 10 });
    expect(rows[0]).toMatchObject({ status: 'failed', seconds_used: 0 });
    expect(rows[0]!.error).toMatch(/^conversation_create_failed: aborted: /);
    expect(await data.usageRows()).toEqual([]);
  });
});

describe('retry', () => {
  it('tries again with a growing wait, and stops at once on a failure marked final', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw new Error('still down');
        },
        3,
        { sleep },
      ),
    ).rejects.toThrow('still down');
    expect([calls, waits]).toEqual([3, [250, 500]]);

    calls = 0;
    const final = Object.assign(new Error('session_not_starting'), { code: 'session_not_starting' });
    await expect(
      retry(
        async () => {
          calls += 1;
          throw final;
        },
        3,
        { sleep, final: (e) => (e as { code?: string }).code === 'session_not_starting' },
      ),
    ).rejects.toBe(final);
    expect(calls).toBe(1);
    expect(await retry(async () => 'ok', 3, { sleep })).toBe('ok');
  });
});
