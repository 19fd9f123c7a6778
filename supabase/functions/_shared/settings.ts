import { z } from 'zod';
import { ApiError } from './http.ts';
import { TAVUS_ID_PATTERN } from '../../../src/lib/rules.ts';
import { AWS_REGION_PATTERN, ROLE_ARN_PATTERN, S3_BUCKET_PATTERN, type RecordingTarget } from '../../../src/lib/recording.ts';

/**
 * The edge functions' secrets, parsed once per cold start. A missing or bad value does not crash
 * the function: each route asks for what it needs and answers 503 naming the secret to set.
 */

const tavusId = (example: string) => z.string().regex(TAVUS_ID_PATTERN, `must be a Tavus id such as ${example}`);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL' });
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const settingsSchema = z.object({
  TAVUS_API_KEY: optional(z.string().min(8, 'is too short to be a Tavus API key')),
  TAVUS_BASE_URL: optional(httpUrl).transform((value) => (value ?? 'https://tavusapi.com').replace(/\/+$/, '')),
  TAVUS_PERSONA_ID: optional(tavusId('p7e13c73f41f')).transform((value) => value ?? 'p7e13c73f41f'),
  TAVUS_REPLICA_ID: optional(tavusId('r4317e64d25a')).transform((value) => value ?? 'r4317e64d25a'),
  TAVUS_WEBHOOK_SECRET: optional(z.string().min(32, 'must be at least 32 characters (try `openssl rand -hex 32`)')),
  // while rotating: the secret being replaced, still accepted for callbacks of calls started before
  TAVUS_WEBHOOK_PREVIOUS_SECRET: optional(z.string().min(32, 'must be at least 32 characters, like TAVUS_WEBHOOK_SECRET')),
  // where Tavus reaches tavus-webhook; defaults to SUPABASE_URL/functions/v1/tavus-webhook, which
  // is wrong only where SUPABASE_URL is an internal address (supabase functions serve)
  TAVUS_WEBHOOK_URL: optional(httpUrl),
  APP_ORIGIN: optional(z.string()).transform((value, context) => {
    const origins = (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin) {
        context.addIssue({
          code: 'custom',
          message: `${origin} is not an origin such as https://app.example.com (no path, no trailing slash)`,
        });
      }
    }
    return origins;
  }),
  // recording (src/lib/recording.ts): all three, or none for no recording
  TAVUS_RECORDING_S3_BUCKET: optional(z.string().regex(S3_BUCKET_PATTERN, 'must be an S3 bucket name such as my-recordings')),
  TAVUS_RECORDING_S3_REGION: optional(z.string().regex(AWS_REGION_PATTERN, 'must be an AWS region such as us-east-1')),
  TAVUS_RECORDING_ROLE_ARN: optional(
    z.string().regex(ROLE_ARN_PATTERN, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/x'),
  ),
  SUPABASE_URL: optional(httpUrl).transform((value) => value?.replace(/\/+$/, '')),
  SUPABASE_ANON_KEY: optional(z.string().min(20, 'is too short to be a Supabase key')),
  SUPABASE_SERVICE_ROLE_KEY: optional(z.string().min(20, 'is too short to be a Supabase key')),
});

export type Settings = z.infer<typeof settingsSchema>;
type Name = keyof Settings;

export interface LoadedSettings {
  /** The values that parsed; bad ones are left out and reported in `problems`. */
  values: Partial<Settings>;
  problems: Partial<Record<Name, string>>;
  /** The named settings, or a 503 that says which secret to set or fix. */
  require<K extends Name>(...names: K[]): { [P in K]-?: Exclude<Settings[P], undefined> };
}

export function loadSettings(env: Record<string, string | undefined>): LoadedSettings {
  const values: Partial<Settings> = {};
  const problems: Partial<Record<Name, string>> = {};
  for (const name of Object.keys(settingsSchema.shape) as Name[]) {
    const parsed = settingsSchema.shape[name].safeParse(env[name]);
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else problems[name] = parsed.error.issues[0]?.message ?? 'is not valid';
  }
  return {
    values,
    problems,
    require(...names) {
      for (const name of names) {
        const problem = problems[name];
        if (problem) {
          throw new ApiError(
            503,
            'server_misconfigured',
            `The secret ${name} ${problem}. Fix it with \`supabase secrets set ${name}=...\`.`,
          );
        }
        if (values[name] === undefined) {
          throw new ApiError(503, name === 'TAVUS_API_KEY' ? 'tavus_not_configured' : 'server_misconfigured', missingMessage(name));
        }
      }
      return values as never;
    },
  };
}

function missingMessage(name: Name): string {
  if (name === 'TAVUS_API_KEY') {
    return 'Tavus is not configured on the server: set the TAVUS_API_KEY secret (`supabase secrets set TAVUS_API_KEY=...`), then try again.';
  }
  return `The secret ${name} is not set on the server. Set it with \`supabase secrets set ${name}=...\`.`;
}

const RECORDING_SECRETS = ['TAVUS_RECORDING_S3_BUCKET', 'TAVUS_RECORDING_S3_REGION', 'TAVUS_RECORDING_ROLE_ARN'] as const;

/**
 * Where Tavus records the sessions users agree to record; undefined when none of the recording
 * secrets is set. One of them set, bad or without the others: 503 naming the one to fix.
 */
export function recordingTarget(settings: LoadedSettings): RecordingTarget | undefined {
  const named = RECORDING_SECRETS.some((name) => settings.values[name] !== undefined || settings.problems[name] !== undefined);
  if (!named) return undefined;
  const found = settings.require(...RECORDING_SECRETS);
  return { bucket: found.TAVUS_RECORDING_S3_BUCKET, region: found.TAVUS_RECORDING_S3_REGION, roleArn: found.TAVUS_RECORDING_ROLE_ARN };
}
