import { z } from 'zod';
import { authenticate } from '../_shared/auth.ts';
import { serverSessions, type ServerSessions } from '../_shared/db.ts';
import { ApiError, describeIssue } from '../_shared/http.ts';
import { anonClient, serviceClient } from '../_shared/supabase.ts';
import { END_REASON_PATTERN } from '../../../src/lib/rules.ts';
import { sessionOptionsProblem, type SessionOptions } from '../../../src/lib/sessions/options.ts';
import type { TavusLanguage } from '../../../src/lib/tavus/languages.ts';
import type { TavusDeps } from './deps.ts';

/**
 * What the session routes accept. The browser chooses only the session type; any other field is
 * refused, so nobody can lengthen a call, pick another persona or act for another user.
 */

// a name is checked by the database (private.person_name); this only bounds what is sent on
const personName = z.string({ error: 'must be a name' }).max(200, 'must be a name of up to 60 characters');

export const inviteBody = z.strictObject({ host_name: personName.optional() }).optional();

export const redeemBody = z.strictObject({
  invite: z.string({ error: 'must be the link token or the code' }).min(1).max(200),
  partner_name: personName,
});

export const startBody = z
  .strictObject({
    session_type: z.enum(['reflect_alone', 'resolve_together'], { error: 'must be reflect_alone or resolve_together' }),
    /** A session together: the host's name, for the replica and the invite. */
    host_name: personName.optional(),
    // the user's session options (src/lib/sessions/options.ts), checked by the same rules as in the browser
    reflect_on: z.string({ error: 'must be text' }).optional(),
    language: z.string({ error: 'must be a language name' }).optional(),
    record: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .superRefine((body, context) => {
    const problem = sessionOptionsProblem(optionsOf(body));
    if (problem) context.addIssue({ code: 'custom', message: problem.replace(/\.$/, '') });
  });

/** The session options of a start request, as the sequence takes them. */
export function optionsOf(body: {
  reflect_on?: string | undefined;
  language?: string | undefined;
  record?: boolean | undefined;
}): SessionOptions {
  return {
    ...(body.record !== undefined ? { record: body.record } : {}),
    ...(body.reflect_on !== undefined ? { reflectOn: body.reflect_on } : {}),
    ...(body.language !== undefined ? { language: body.language as TavusLanguage } : {}),
  };
}

export const endBody = z
  .strictObject({ reason: z.string().regex(END_REASON_PATTERN, 'must be a short code such as user_ended or tab_closed').optional() })
  .optional();

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const unknownKeys = parsed.error.issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknownKeys && 'keys' in unknownKeys) {
    throw new ApiError(
      400,
      'invalid_argument',
      `The server decides ${unknownKeys.keys.join(', ')}: send only the fields this route accepts. Nothing was changed.`,
    );
  }
  throw new ApiError(400, 'invalid_argument', `${describeIssue(parsed.error.issues)}. Nothing was changed.`);
}

export function sessionId(value: string): string {
  if (z.uuid().safeParse(value).success) return value;
  throw new ApiError(400, 'invalid_argument', `${value.slice(0, 60)} is not a session id. Nothing was changed.`);
}

export interface SignedIn {
  userId: string;
  db: ServerSessions;
}

/**
 * The user of the verified JWT, and the database as the service role for that user: in a proxy
 * deployment users cannot write sessions themselves, so no session starts, attaches or ends
 * without its call doing the same.
 */
export async function signedIn(request: Request, deps: TavusDeps): Promise<SignedIn> {
  const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY } = deps.settings.require(
    'SUPABASE_URL',
    'SUPABASE_ANON_KEY',
    'SUPABASE_SERVICE_ROLE_KEY',
  );
  const { user } = await authenticate(request, anonClient(SUPABASE_URL, SUPABASE_ANON_KEY, deps.supabaseFetch), deps.log);
  return { userId: user.id, db: serverSessions(serviceClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, deps.supabaseFetch), deps.log) };
}
