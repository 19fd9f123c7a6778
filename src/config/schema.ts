// zod/mini: the same parser, a fraction of the weight, since settings are parsed before the first paint.
import { z } from 'zod/mini';
import { AWS_REGION_PATTERN, ROLE_ARN_PATTERN, S3_BUCKET_PATTERN, type RecordingTarget } from '../lib/recording.ts';

/** Tavus ids are a type letter followed by lowercase letters and digits, e.g. `p7e13c73f41f`. */
export const personaIdSchema = z.string().check(z.regex(/^p[a-z0-9]{5,}$/, 'must look like p7e13c73f41f (a "p" then letters and digits)'));
export const replicaIdSchema = z.string().check(z.regex(/^r[a-z0-9]{5,}$/, 'must look like r4317e64d25a (an "r" then letters and digits)'));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL, such as https://example.com' });

export const tavusModeSchema = z.enum(['auto', 'mock', 'direct', 'proxy'], {
  error: 'must be one of auto, mock, direct, proxy',
});

/** Where local data mode keeps its database: this browser's (PGlite in IndexedDB) or the dev server's, shared by browsers. */
export const localDataSchema = z.enum(['browser', 'dev-server'], { error: 'must be browser or dev-server' });

const flag = z.enum(['true', 'false'], { error: 'must be true or false' });

/** The raw settings, after empty strings are treated as unset. */
export const rawSettingsSchema = z.object({
  VITE_TAVUS_API_KEY: z.optional(z.string().check(z.minLength(8, 'is too short to be a Tavus API key'))),
  VITE_TAVUS_PERSONA_ID: z._default(personaIdSchema, 'p7e13c73f41f'),
  VITE_TAVUS_REPLICA_ID: z._default(replicaIdSchema, 'r4317e64d25a'),
  VITE_TAVUS_MODE: z._default(tavusModeSchema, 'auto'),
  VITE_TAVUS_BASE_URL: z._default(httpUrl, 'https://tavusapi.com'),
  VITE_TAVUS_CALLBACK_URL: z.optional(httpUrl),
  VITE_TAVUS_ALLOW_BROWSER_KEY: z._default(flag, 'false'),
  VITE_TAVUS_RECORDING_S3_BUCKET: z.optional(
    z.string().check(z.regex(S3_BUCKET_PATTERN, 'must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens')),
  ),
  VITE_TAVUS_RECORDING_S3_REGION: z.optional(z.string().check(z.regex(AWS_REGION_PATTERN, 'must be an AWS region such as us-east-1'))),
  VITE_TAVUS_RECORDING_ROLE_ARN: z.optional(
    z.string().check(z.regex(ROLE_ARN_PATTERN, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/tavus-recordings')),
  ),
  VITE_TAVUS_RECORDING_OFFERED: z._default(flag, 'false'),
  VITE_SUPABASE_URL: z.optional(httpUrl),
  VITE_LOCAL_DATA: z._default(localDataSchema, 'browser'),
  VITE_SUPABASE_ANON_KEY: z.optional(z.string().check(z.minLength(20, 'is too short to be a Supabase anon key'))),
});
export type RawSettings = z.infer<typeof rawSettingsSchema>;

export type TavusMode = 'mock' | 'direct' | 'proxy';
export type DataMode = 'local' | 'supabase';

interface TavusSettings {
  personaId: string;
  replicaId: string;
  baseUrl: string;
  callbackUrl?: string;
  /**
   * Sessions may be recorded, if the user agrees: into this target where the browser creates the
   * conversation (mock and direct), by the server's own settings in proxy mode (no target here).
   */
  recording?: { target?: RecordingTarget };
}

/** Each mode carries exactly what it needs: only direct mode has a key, and it always has one. */
export type TavusConfig =
  (TavusSettings & { mode: 'mock' }) | (TavusSettings & { mode: 'direct'; apiKey: string }) | (TavusSettings & { mode: 'proxy' });

export interface SupabaseData {
  mode: 'supabase';
  url: string;
  anonKey: string;
}
/**
 * Local data: `store: 'dev-server'` (VITE_LOCAL_DATA=dev-server) keeps it in the one database the dev
 * or preview server holds for every browser (src/lib/db/remote); absent, in this browser.
 */
export type DataConfig = { mode: 'local'; store?: 'dev-server' } | SupabaseData;

/** Proxy mode needs Supabase: the key lives in its edge function, reached with the user's JWT. */
export interface ProxyConfig {
  tavus: Extract<TavusConfig, { mode: 'proxy' }>;
  data: SupabaseData;
}

/** A configuration the settings can produce; a proxy build without Supabase is not one of them. */
export type AppConfig = { tavus: Exclude<TavusConfig, { mode: 'proxy' }>; data: DataConfig } | ProxyConfig;

/** One problem with one setting, phrased for the person who has to fix it. */
export interface SettingIssue {
  variable: string;
  value?: string;
  problem: string;
  fix: string;
}

export const SECRET_SETTINGS = new Set(['VITE_TAVUS_API_KEY', 'VITE_SUPABASE_ANON_KEY']);
