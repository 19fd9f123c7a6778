import { setupTestDb, type SessionRow } from '../db/harness';
import { body, createWorld, serverEnv, serverOwned, type World } from './support/world';

/** The user's session options through the proxy: checked again on the server, then into the create body. */

const db = setupTestDb();
beforeEach(() => serverOwned(db));
let world: World;
beforeEach(() => {
  world = createWorld(db);
});

type Started = { session: SessionRow; conversation_url: string; meeting_token?: string };
const sessionsOf = (uid: string) => db.asOwner<SessionRow>('select * from public.sessions where user_id = $1', [uid]);
const creates = () => world.tavusRequests.filter((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'));
const start = (token: string, payload: unknown) => world.call('/sessions', { token, body: payload });

describe('POST /tavus/sessions with session options', () => {
  it('tells the replica what the user wants to reflect on, greets with it, in the chosen language', async () => {
    const { token } = await world.user();
    const response = await start(token, { session_type: 'reflect_alone', reflect_on: 'a hard talk with my sister', language: 'german' });
    expect(response.status).toBe(200);
    await body<Started>(response);
    const sent = creates()[0]!.body as { conversational_context: string; custom_greeting: string; properties: { language: string } };
    expect(sent.conversational_context).toContain('They said they would like to reflect on: "a hard talk with my sister".');
    expect(sent.custom_greeting).toContain('"a hard talk with my sister"');
    expect(sent.properties.language).toBe('german');
  });

  it('greets plainly and speaks english when the user chose nothing', async () => {
    const { token } = await world.user();
    expect((await start(token, { session_type: 'reflect_alone' })).status).toBe(200);
    const sent = creates()[0]!.body as { conversational_context: string; custom_greeting: string; properties: { language: string } };
    expect(sent.conversational_context).not.toContain('They said');
    expect(sent.custom_greeting).toBe('Welcome. Let us take a slow breath together. What would you like to reflect on today?');
    expect(sent.properties.language).toBe('english');
  });

  it.each([
    ['a topic past 500 characters', { reflect_on: 'x'.repeat(501) }, 'keep it to 500'],
    ['a line break in the topic', { reflect_on: 'first line\nsecond line' }, 'control character'],
    ['a language Tavus does not list', { language: 'klingon' }, 'is not a language Tavus holds conversations in'],
    ['a topic that is not text', { reflect_on: 42 }, 'must be text'],
  ])('refuses %s with the reason, and reserves nothing', async (_what, options, reason) => {
    const { id: uid, token } = await world.user();
    const response = await start(token, { session_type: 'reflect_alone', ...options });
    expect(response.status).toBe(400);
    const error = (await body<{ error: { code: string; message: string } }>(response)).error;
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(reason);
    expect(await sessionsOf(uid)).toHaveLength(0);
    expect(creates()).toHaveLength(0);
  });
});

describe("the user's kept settings on the server", () => {
  it("uses each user's own memory store and language, and none once memory is off", async () => {
    const anna = await world.user();
    const ben = await world.user();
    await db.asUser(ben.id, `select public.set_session_language('italian')`);
    await db.asUser(ben.id, 'select public.set_memory(false)');
    expect((await start(anna.token, { session_type: 'reflect_alone' })).status).toBe(200);
    expect((await start(ben.token, { session_type: 'reflect_alone' })).status).toBe(200);
    const [forAnna, forBen] = creates().map((c) => c.body as { memory_stores?: string[]; properties: { language: string } });
    expect(forAnna).toMatchObject({ memory_stores: [`${anna.id}_p7e13c73f41f_g1`], properties: { language: 'english' } });
    expect(forBen!.memory_stores).toBeUndefined();
    expect(forBen!.properties.language).toBe('italian');
  });
});

describe('recording on the server', () => {
  const secrets = {
    TAVUS_RECORDING_S3_BUCKET: 'reflections-recordings',
    TAVUS_RECORDING_S3_REGION: 'eu-west-1',
    TAVUS_RECORDING_ROLE_ARN: 'arn:aws:iam::123456789012:role/tavus-recordings',
  };
  type Props = { properties: Record<string, unknown> };

  it("records into the secrets' bucket only when the user agreed", async () => {
    world = createWorld(db, serverEnv(secrets));
    const yes = await world.user();
    const no = await world.user();
    expect((await start(yes.token, { session_type: 'reflect_alone', record: true })).status).toBe(200);
    expect((await start(no.token, { session_type: 'reflect_alone' })).status).toBe(200);
    const [recorded, plain] = creates().map((c) => (c.body as Props).properties);
    expect(recorded).toMatchObject({
      enable_recording: true,
      recording_s3_bucket_name: 'reflections-recordings',
      recording_s3_bucket_region: 'eu-west-1',
      aws_assume_role_arn: 'arn:aws:iam::123456789012:role/tavus-recordings',
    });
    expect(plain).not.toHaveProperty('enable_recording');
  });

  it('records nothing without the secrets, whatever the browser asks', async () => {
    const { token } = await world.user();
    expect((await start(token, { session_type: 'reflect_alone', record: true })).status).toBe(200);
    expect((creates()[0]!.body as Props).properties).not.toHaveProperty('enable_recording');
  });

  it('answers 503 naming the secret when one is malformed or missing, and reserves nothing', async () => {
    world = createWorld(db, serverEnv({ ...secrets, TAVUS_RECORDING_S3_REGION: undefined, TAVUS_RECORDING_ROLE_ARN: 'not-an-arn' }));
    const { id: uid, token } = await world.user();
    const response = await start(token, { session_type: 'reflect_alone' });
    expect(response.status).toBe(503);
    const error = (await body<{ error: { code: string; message: string } }>(response)).error;
    expect(error).toMatchObject({ code: 'server_misconfigured', message: expect.stringContaining('TAVUS_RECORDING_S3_REGION') });
    expect(await sessionsOf(uid)).toHaveLength(0);
    expect(creates()).toHaveLength(0);
  });
});
