import { elapse, setPlan, subscriptionOf, usageRowsOf, setupTestDb, type SessionRow } from '../db/harness';
import { body, createWorld, serverOwned, TAVUS_KEY, type World } from './support/world';

// "Resolve together" in a proxy deployment: the server creates the conversation for two, makes and
// checks the invite, and ends the session for a partner; the browser chooses nothing it is billed for.

const db = setupTestDb();
beforeEach(() => serverOwned(db));
let world: World;
beforeEach(() => {
  world = createWorld(db);
});

type Started = {
  session: SessionRow;
  conversation_url: string;
  meeting_token?: string;
  invite?: { code: string; token: string; host_name: string };
};
type Joined = {
  session: {
    id: string;
    status: string;
    host_name: string;
    partner_name: string;
    conversation_url: string | null;
    meeting_token?: string | null;
  };
};
type Failure = { error: { code: string; message: string } };

const creates = () => world.tavusRequests.filter((r) => r.method === 'POST' && r.url.endsWith('/v2/conversations'));
const conversationStatus = async (id: string) =>
  (
    await body<{ status: string }>(
      await world.tavus.fetch(`https://tavusapi.com/v2/conversations/${id}`, { headers: { 'x-api-key': TAVUS_KEY } }),
    )
  ).status;

async function hostStarts() {
  const host = await world.user();
  await setPlan(db, host.id, 'pro');
  const response = await world.call('/sessions', { token: host.token, body: { session_type: 'resolve_together', host_name: 'Ada' } });
  expect(response.status).toBe(200);
  return { host, started: await body<Started>(response) };
}

describe('a session together through the tavus function', () => {
  it('creates the conversation for two in a private room and hands the host an invite', async () => {
    const { started } = await hostStarts();
    expect(creates()[0]!.body).toMatchObject({
      max_participants: 3,
      require_auth: true,
      custom_greeting: expect.stringMatching(/^Hello Ada,/),
    });
    expect(started.invite).toMatchObject({ host_name: 'Ada', code: expect.stringMatching(/^[A-HJKMNP-TV-Z2-9]{6}$/) });
    // the room's token as Tavus answered the server, kept by the database with the session
    const conversation = await body<{ meeting_token: string }>(
      await world.tavus.fetch(`https://tavusapi.com/v2/conversations/${started.session.tavus_conversation_id}`, {
        headers: { 'x-api-key': TAVUS_KEY },
      }),
    );
    expect(started.meeting_token).toBe(conversation.meeting_token);
    expect(await db.asOwner('select meeting_token from private.session_rooms where session_id = $1', [started.session.id])).toEqual([
      { meeting_token: conversation.meeting_token },
    ]);
  });

  it('a browser cannot hand the server a meeting token: the start refuses the field and starts nothing', async () => {
    const host = await world.user();
    await setPlan(db, host.id, 'pro');
    const response = await world.call('/sessions', {
      token: host.token,
      body: { session_type: 'resolve_together', host_name: 'Ada', meeting_token: 'chosen.by.browser' },
    });
    expect(response.status).toBe(400);
    expect(creates()).toEqual([]);
    expect(await db.asOwner('select * from private.session_rooms')).toEqual([]);
  });

  it('the partner’s redeem answers with the room’s token; wrong codes are 404 until the limit, then 429 for the right one too', async () => {
    const { started } = await hostStarts();
    const guesser = await world.user();
    const redeem = (invite: string) => world.call('/invites/redeem', { token: guesser.token, body: { invite, partner_name: 'Grace' } });
    for (let i = 0; i < 10; i += 1) {
      const wrong = await redeem('ZZZZZZ' === started.invite!.code ? 'YYYYYY' : 'ZZZZZZ');
      expect(wrong.status).toBe(404);
      expect((await body<Failure>(wrong)).error).toEqual({ code: 'invite_not_found', message: 'No invite has this link or code.' });
    }
    const limited = await redeem(started.invite!.code);
    expect(limited.status).toBe(429);
    expect((await body<Failure>(limited)).error.code).toBe('invite_attempts_exceeded');

    const partner = await world.user();
    const joined = await world.call('/invites/redeem', {
      token: partner.token,
      body: { invite: started.invite!.code, partner_name: 'Grace' },
    });
    expect(joined.status).toBe(200);
    expect((await body<Joined>(joined)).session.meeting_token).toBe(started.meeting_token);
  });

  it('needs the host’s name, and refuses a body that chooses anything else; nothing is reserved or created', async () => {
    const host = await world.user();
    await setPlan(db, host.id, 'pro');
    const missing = await world.call('/sessions', { token: host.token, body: { session_type: 'resolve_together' } });
    expect(missing.status).toBe(400);
    expect((await body<Failure>(missing)).error.code).toBe('invalid_name');
    const extra = await world.call('/sessions', {
      token: host.token,
      body: { session_type: 'resolve_together', host_name: 'Ada', max_participants: 10 },
    });
    expect(extra.status).toBe(400);
    expect(creates()).toEqual([]);
    expect(await db.asOwner('select id from public.sessions where user_id = $1', [host.id])).toEqual([]);
  });

  it('the partner redeems through the server; a stranger can neither redeem again nor end; the partner ends it for both, charged once to the host', async () => {
    const { host, started } = await hostStarts();
    const partner = await world.user();
    const redeemed = await world.call('/invites/redeem', {
      token: partner.token,
      body: { invite: started.invite!.code, partner_name: 'Grace' },
    });
    expect(redeemed.status).toBe(200);
    expect((await body<Joined>(redeemed)).session).toMatchObject({ id: started.session.id, host_name: 'Ada', partner_name: 'Grace' });

    const stranger = await world.user();
    const again = await world.call('/invites/redeem', {
      token: stranger.token,
      body: { invite: started.invite!.token, partner_name: 'Eve' },
    });
    expect(again.status).toBe(409);
    expect((await body<Failure>(again)).error.code).toBe('invite_used');
    const strangerEnd = await world.call(`/sessions/${started.session.id}/end-joined`, { token: stranger.token, body: {} });
    expect(strangerEnd.status).toBe(403);
    expect((await body<Failure>(strangerEnd)).error.code).toBe('not_invited');
    expect(await conversationStatus(started.session.tavus_conversation_id!)).toBe('active');

    await elapse(db, started.session.id, 80);
    const ended = await world.call(`/sessions/${started.session.id}/end-joined`, { token: partner.token, body: { reason: 'user_ended' } });
    expect(ended.status).toBe(200);
    expect((await body<Joined>(ended)).session).toMatchObject({ status: 'ended', conversation_url: null });
    expect(await conversationStatus(started.session.tavus_conversation_id!)).toBe('ended');
    expect((await usageRowsOf(db, host.id)).map((u) => u.seconds_used)).toEqual([80]);
    expect((await subscriptionOf(db, host.id)).tavus_seconds_used).toBe(80);
    expect(await usageRowsOf(db, partner.id)).toEqual([]);
  });

  it('a new invite through the server replaces the first; only the host may make one', async () => {
    const { host, started } = await hostStarts();
    const made = await world.call(`/sessions/${started.session.id}/invites`, { token: host.token, body: {} });
    expect(made.status).toBe(200);
    const { invite } = await body<{ invite: { code: string; host_name: string } }>(made);
    expect(invite.host_name).toBe('Ada');
    expect(invite.code).not.toBe(started.invite!.code);
    const other = await world.user();
    const refused = await world.call(`/sessions/${started.session.id}/invites`, { token: other.token, body: {} });
    expect(refused.status).toBe(404);
    expect((await body<Failure>(refused)).error.code).toBe('session_not_found');
  });
});
