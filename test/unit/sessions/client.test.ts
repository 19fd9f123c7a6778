import { DbError, SessionAlreadyActiveError, UsageLimitReachedError, type AppDb } from '@/lib/db';
import { OutOfCreditsError, ConnectionError, InvalidRequestError } from '@/lib/tavus';
import { createClientSessions } from '@/lib/sessions/client';
import { ConversationEndUnconfirmedError } from '@/lib/sessions/types';
import { embeddedDbForFile, recordedTavus, tavusConfig, type SeenRequest } from './harness';

const data = embeddedDbForFile();

beforeEach(async () => {
  await data.reset('growth');
});

function gateway(tavus = recordedTavus(), db: AppDb = data.db(), config = tavusConfig()) {
  return { tavus, sessions: createClientSessions({ db, tavus: tavus.client, config }) };
}

const creates = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'POST' && r.path === '/v2/conversations');

describe('start', () => {
  it('reserves, creates the conversation with the fixed properties, and attaches it', async () => {
    const { tavus, sessions } = gateway(
      recordedTavus(),
      data.db(),
      tavusConfig({ callbackUrl: 'https://example.com/functions/v1/tavus-webhook?token=t0ken' }),
    );
    const started = await sessions.start({ sessionType: 'reflect_alone' });

    expect(started.session.status).toBe('active');
    expect(started.conversationUrl).toMatch(/^https:\/\/tavus\.daily\.co\//);
    expect(started.session.conversation_url).toBe(started.conversationUrl);
    // the private room's key, handed to the call join, never kept in the session's record
    expect(started.meetingToken).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.stringify(started.session)).not.toContain(started.meetingToken);
    const [create] = creates(tavus.seen);
    expect(create!.body).toEqual({
      persona_id: 'p7e13c73f41f',
      replica_id: 'r4317e64d25a',
      conversation_name: `awaknow_reflect_alone_${started.session.id}`,
      callback_url: 'https://example.com/functions/v1/tavus-webhook?token=t0ken',
      conversational_context:
        'This is a one-to-one reflection session. Guide the person gently: ask open questions, reflect back what you hear, and let them set the pace.',
      custom_greeting: 'Welcome. Let us take a slow breath together. What would you like to reflect on today?',
      // memory is on until the user turns it off: one store per user and persona
      memory_stores: [`${await data.db().userId()}_p7e13c73f41f_g1`],
      require_auth: true,
      properties: {
        max_call_duration: 1800, // the growth plan's cap per session
        participant_left_timeout: 60,
        participant_absent_timeout: 120,
        enable_closed_captions: true,
        language: 'english',
      },
    });
    const active = await tavus.activeConversations();
    expect(active.map((c) => c.conversation_id)).toEqual([started.session.tavus_conversation_id]);
    expect((await data.db().currentSession())?.id).toBe(started.session.id);
  });

  it('tells the replica the topic and greets with it, in the chosen language', async () => {
    const { tavus, sessions } = gateway();
    await sessions.start({ sessionType: 'reflect_alone', options: { reflectOn: 'sleeping badly', language: 'multilingual' } });
    const body = creates(tavus.seen)[0]!.body as {
      conversational_context: string;
      custom_greeting: string;
      properties: { language: string };
    };
    expect(body.conversational_context).toContain('"sleeping badly"');
    expect(body.custom_greeting).toContain('"sleeping badly"');
    expect(body.properties.language).toBe('multilingual');
  });

  it("uses the user's memory store for the persona, none once memory is off, a new one when it is on again", async () => {
    const { tavus, sessions } = gateway();
    const userId = await data.db().userId();
    const stores = () => creates(tavus.seen).map((c) => (c.body as { memory_stores?: string[] }).memory_stores);
    const run = async () => {
      const { session } = await sessions.start({ sessionType: 'reflect_alone' });
      await sessions.end(session.id);
    };
    await run();
    await data.db().setMemory(false);
    await run();
    await data.db().setMemory(true);
    await run();
    expect(stores()).toEqual([[`${userId}_p7e13c73f41f_g1`], undefined, [`${userId}_p7e13c73f41f_g2`]]);
  });

  it('holds the session in the language the user last chose, unless this start chose one', async () => {
    const { tavus, sessions } = gateway();
    await data.db().setLanguage('korean');
    const first = await sessions.start({ sessionType: 'reflect_alone' });
    await sessions.end(first.session.id);
    await sessions.start({ sessionType: 'reflect_alone', options: { language: 'thai' } });
    const languages = creates(tavus.seen).map((c) => (c.body as { properties: { language: string } }).properties.language);
    expect(languages).toEqual(['korean', 'thai']);
  });

  it('refuses bad options before anything is reserved or created', async () => {
    const { tavus, sessions } = gateway();
    const failure = await sessions.start({ sessionType: 'reflect_alone', options: { reflectOn: 'one\ntwo' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DbError);
    expect(failure).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('control character') });
    expect(creates(tavus.seen)).toHaveLength(0);
    expect(await data.db().currentSession()).toBeNull();
  });

  it('caps the call at the minutes left when they are fewer than the plan allows per session', async () => {
    await data.setSecondsUsed(300 * 60 - 100);
    const { tavus, sessions } = gateway();
    const started = await sessions.start({ sessionType: 'reflect_alone' });
    expect(started.session.max_call_duration).toBe(100);
    expect((creates(tavus.seen)[0]!.body as { properties: { max_call_duration: number } }).properties.max_call_duration).toBe(100);
  });

  it('uses the persona chosen in the studio, with its own default replica unless one was chosen too', async () => {
    const { tavus, sessions } = gateway();
    const { persona_id } = await tavus.client.personas.create({
      persona_name: 'Coach',
      system_prompt: 'You are a calm coach.',
      pipeline_mode: 'full',
      default_replica_id: 'r4317e64d25a',
    });
    const started = await sessions.start({ sessionType: 'reflect_alone', personaId: persona_id });
    const body = creates(tavus.seen)[0]!.body as Record<string, unknown>;
    expect(body.persona_id).toBe(persona_id);
    expect(body).not.toHaveProperty('replica_id');
    expect(started.session.persona_id).toBe(persona_id);
  });

  it('sends no callback_url when none is configured', async () => {
    const { tavus, sessions } = gateway();
    await sessions.start({ sessionType: 'reflect_alone' });
    expect(creates(tavus.seen)[0]!.body).not.toHaveProperty('callback_url');
  });

  it('when Tavus refuses the create: the reservation fails, nothing is charged, nothing runs', async () => {
    const { tavus, sessions } = gateway();
    tavus.simulator.faults.set({ status: 402, match: 'POST /v2/conversations' });

    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(OutOfCreditsError);

    expect(await data.db().currentSession()).toBeNull();
    const { rows } = await data.db().listSessions({ page: 1, pageSize: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', seconds_used: 0 });
    expect(rows[0]!.error).toMatch(/^conversation_create_failed: out_of_credits/);
    expect((await data.subscription()).tavus_seconds_used).toBe(0);
    expect(await data.usageRows()).toEqual([]);
    tavus.simulator.faults.clear();
    expect(await tavus.activeConversations()).toEqual([]);
  });

  it('when the answer to a create is lost: the conversation Tavus made anyway is found by name and ended', async () => {
    const { tavus, sessions } = gateway();
    tavus.intercept(async (request, forward) => {
      const response = await forward();
      if (request.method === 'POST' && request.path === '/v2/conversations') throw new TypeError('Failed to fetch');
      return response;
    });

    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(ConnectionError);

    tavus.intercept(undefined);
    expect(await tavus.activeConversations()).toEqual([]);
    const ended = (await tavus.client.conversations.list({ status: 'ended' })).data;
    expect(ended).toHaveLength(1);
    expect(ended[0]!.conversation_name).toMatch(/^awaknow_reflect_alone_/);
    const { rows } = await data.db().listSessions({ page: 1, pageSize: 10 });
    expect(rows[0]).toMatchObject({ status: 'failed', seconds_used: 0 });
    expect(await data.usageRows()).toEqual([]);
  });

  it('when attaching fails: the conversation is ended at once and the session failed, uncharged', async () => {
    const db = data.db();
    const failingAttach: AppDb = { ...db, attachConversation: () => Promise.reject(new DbError('db_error', 'connection reset')) };
    const { tavus, sessions } = gateway(recordedTavus(), failingAttach);

    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toMatchObject({ code: 'db_error' });

    expect(await tavus.activeConversations()).toEqual([]);
    const ends = tavus.seen.filter((r) => r.path.endsWith('/end'));
    const created = (await tavus.client.conversations.list({ status: 'ended' })).data[0]!;
    expect(ends.map((r) => r.path)).toEqual([`/v2/conversations/${created.conversation_id}/end`]);
    const { rows } = await db.listSessions({ page: 1, pageSize: 10 });
    expect(rows[0]).toMatchObject({ status: 'failed', seconds_used: 0, tavus_conversation_id: null });
    expect(rows[0]!.error).toMatch(/^attach_failed: db_error/);
    expect(await data.usageRows()).toEqual([]);
  });

  it('when the reservation is cancelled elsewhere mid-start: attach is refused and the conversation ended', async () => {
    const db = data.db();
    const { tavus, sessions } = gateway();
    tavus.intercept(async (request, forward) => {
      if (request.method === 'POST' && request.path === '/v2/conversations') {
        const open = await db.currentSession();
        await db.endSession(open!.id, 'start_abandoned'); // another tab gave up on it
      }
      return forward();
    });

    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toMatchObject({ code: 'session_not_starting' });

    tavus.intercept(undefined);
    expect(await tavus.activeConversations()).toEqual([]);
    expect(await db.currentSession()).toBeNull();
    expect(await data.usageRows()).toEqual([]);
  });

  it('refuses a second session while one runs, without creating a second conversation', async () => {
    const { tavus, sessions } = gateway();
    await sessions.start({ sessionType: 'reflect_alone' });
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(SessionAlreadyActiveError);
    expect(creates(tavus.seen)).toHaveLength(1);
    expect(await tavus.activeConversations()).toHaveLength(1);
  });

  it('refuses when the minutes are used up, before Tavus is asked', async () => {
    await data.setSecondsUsed(300 * 60 - 10);
    const { tavus, sessions } = gateway();
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toBeInstanceOf(UsageLimitReachedError);
    expect(tavus.seen).toEqual([]);
  });

  it("refuses a session together on a plan without them, and the free plan's second solo session of the day", async () => {
    await data.reset('free');
    const { tavus, sessions } = gateway();
    await expect(sessions.start({ sessionType: 'resolve_together', hostName: 'Ada' })).rejects.toMatchObject({
      code: 'session_type_not_allowed',
    });
    // a session together needs the host's name, asked before anything is reserved or created
    await expect(sessions.start({ sessionType: 'resolve_together', hostName: ' \n ' })).rejects.toMatchObject({ code: 'invalid_name' });
    const first = await sessions.start({ sessionType: 'reflect_alone' });
    await sessions.end(first.session.id);
    await expect(sessions.start({ sessionType: 'reflect_alone' })).rejects.toMatchObject({ code: 'daily_limit_reached' });
    expect(creates(tavus.seen)).toHaveLength(1);
  });
});

describe('a session together', () => {
  it('creates the conversation for two, naming the host, and hands back the invite', async () => {
    await data.reset('pro');
    const { tavus, sessions } = gateway();
    const started = await sessions.start({ sessionType: 'resolve_together', hostName: '  Ada ' });
    const body = creates(tavus.seen)[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      conversation_name: `awaknow_resolve_together_${started.session.id}`,
      max_participants: 3,
      custom_greeting: 'Hello Ada, I am glad you are here. When the person you invited joins us, we will begin together.',
    });
    expect(body.conversational_context).toContain('Ada has started this conversation and invited one other person');
    // the host's own sessions are not recalled in front of the partner; the room is private, its
    // token kept by the database for the host and the partner who redeems the invite
    expect(body).not.toHaveProperty('memory_stores');
    expect(body.require_auth).toBe(true);
    expect(started.meetingToken).toEqual(expect.any(String));
    expect(await data.db().invites!.sessionRoom(started.session.id)).toBe(started.meetingToken);
    expect(started.invite).toMatchObject({ session_id: started.session.id, host_name: 'Ada' });
    expect(started.invite!.code).toMatch(/^[A-HJKMNP-TV-Z2-9]{6}$/);
    // a new invite keeps the host's name and replaces the first
    const again = await sessions.together!.createInvite(started.session.id);
    expect(again).toMatchObject({ host_name: 'Ada' });
    expect(again.code).not.toBe(started.invite!.code);
    expect((await data.db().invites!.hostInvite(started.session.id))?.code).toBe(again.code);
  });

  it("keeps the host's topic in the context for two, quoted as what the host said", async () => {
    await data.reset('pro');
    const { tavus, sessions } = gateway();
    await sessions.start({ sessionType: 'resolve_together', hostName: 'Ada', options: { reflectOn: 'Who does the dishes' } });
    const body = creates(tavus.seen)[0]!.body as Record<string, unknown>;
    expect(body.conversational_context).toMatch(/two people/);
    expect(body.conversational_context).toContain('Ada said they would like to reflect on: "Who does the dishes".');
  });

  it('a solo session is created as before, without the fields of a session together', async () => {
    const { tavus, sessions } = gateway();
    const started = await sessions.start({ sessionType: 'reflect_alone', hostName: 'Ada' });
    const body = creates(tavus.seen)[0]!.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('max_participants');
    // the solo session's own context and greeting, and its private room
    expect(body.conversational_context).toMatch(/^This is a one-to-one reflection session\./);
    expect(body.custom_greeting).not.toContain('Ada');
    expect(body.require_auth).toBe(true);
    expect(started).not.toHaveProperty('invite');
  });
});

describe('end', () => {
  it('ends the conversation by its Tavus id, never the session id, and charges the session once', async () => {
    const { tavus, sessions } = gateway();
    const { session } = await sessions.start({ sessionType: 'reflect_alone' });

    const ended = await sessions.end(session.id, 'user_ended');

    const ends = tavus.seen.filter((r) => r.path.endsWith('/end'));
    expect(ends.map((r) => r.path)).toEqual([`/v2/conversations/${session.tavus_conversation_id}/end`]);
    expect(ends[0]!.path).not.toContain(session.id);
    expect(ended).toMatchObject({ status: 'ended', end_reason: 'user_ended' });
    expect(await tavus.activeConversations()).toEqual([]);
    const usage = await data.usageRows();
    expect(usage).toHaveLength(1);
    expect(usage[0]!.session_id).toBe(session.id);

    const again = await sessions.end(session.id, 'user_ended');
    expect(again.ended_at).toBe(ended.ended_at);
    expect(await data.usageRows()).toHaveLength(1);
  });

  it('ends the session even when Tavus does not confirm, and says so', async () => {
    const { tavus, sessions } = gateway();
    const { session } = await sessions.start({ sessionType: 'reflect_alone' });
    tavus.simulator.faults.set({ status: 500, match: '/end' });

    const failure = await sessions.end(session.id).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConversationEndUnconfirmedError);
    expect((failure as ConversationEndUnconfirmedError).session.status).toBe('ended');
    expect(await data.db().currentSession()).toBeNull();
  });
});

describe('verifyPersona', () => {
  it('reports the persona name and replica', async () => {
    const { sessions } = gateway();
    await expect(sessions.verifyPersona!()).resolves.toEqual({
      personaId: 'p7e13c73f41f',
      personaName: 'Reflective Listener',
      replicaId: 'r4317e64d25a',
    });
  });

  it('rejects with the typed Tavus error for an unknown persona', async () => {
    const { sessions } = gateway(recordedTavus(), data.db(), tavusConfig({ personaId: 'p0000000000' }));
    const failure = await sessions.verifyPersona!().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure instanceof InvalidRequestError || (failure as { code?: string }).code === 'not_found').toBe(true);
  });
});
