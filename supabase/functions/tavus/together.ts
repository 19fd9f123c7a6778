import { endSequence } from '../../../src/lib/sessions/sequence.ts';
import { json, readJson } from '../_shared/http.ts';
import { serviceSessions } from '../_shared/db.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { stopCall } from './calls.ts';
import { upstream, type TavusDeps } from './deps.ts';
import { endBody, inviteBody, parseBody, redeemBody, sessionId, signedIn } from './requests.ts';
import { endAnswer } from './sessions.ts';

/**
 * "Resolve together" where the server owns sessions: the invite is made, redeemed and the session
 * ended by a partner only here, for the user of the verified JWT; the database checks the invite
 * (server_create_invite, server_redeem_invite, server_end_joined_session). Reading (preview, the
 * partner's view of the session) stays with the browser: it writes nothing and bills nothing.
 */

/** POST /tavus/sessions/:id/invites: a new invite to the host's running session. */
export async function createInvite(request: Request, deps: TavusDeps, id: string): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  sessionId(id);
  const body = parseBody(inviteBody, await readJson(request));
  return json({ invite: await db.createInvite(userId, id, body?.host_name ?? null) });
}

/** POST /tavus/invites/redeem: joins the session of the invite as its partner. */
export async function redeemInvite(request: Request, deps: TavusDeps): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  const body = parseBody(redeemBody, await readJson(request));
  return json({ session: await db.redeemInvite(userId, body.invite, body.partner_name) });
}

/**
 * POST /tavus/sessions/:id/end-joined: the partner ends the session for both (charged to the
 * host), then the server stops its call, as the host's end does.
 */
export async function endJoined(request: Request, deps: TavusDeps, id: string): Promise<Response> {
  const { userId, db } = await signedIn(request, deps);
  sessionId(id);
  const body = parseBody(endBody, await readJson(request));
  const { SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY } = deps.settings.require('SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY');
  const rows = serviceSessions(serviceClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, deps.supabaseFetch), deps.log);
  const tavus = upstream(deps);
  const { session, unconfirmed } = await endSequence({
    end: () => db.endJoined(userId, id, body?.reason ?? 'user_ended'),
    stopCall: async () => {
      const row = await rows.byId(id);
      if (row) await stopCall(db, tavus, row, deps.log);
    },
  });
  return endAnswer(session, unconfirmed);
}
