import { rawSettingsSchema, SECRET_SETTINGS, type AppConfig, type DataConfig, type RawSettings, type SettingIssue } from './schema.ts';
import type { RecordingTarget } from '../lib/recording.ts';

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; issues: SettingIssue[] };

const FIXES: Record<string, string> = {
  VITE_TAVUS_API_KEY: 'Copy the key from the Tavus dashboard (API keys), or remove it to run in mock mode.',
  VITE_TAVUS_PERSONA_ID: 'Use the persona id shown in the Tavus dashboard, or remove it to use p7e13c73f41f.',
  VITE_TAVUS_REPLICA_ID: 'Use the replica id shown in the Tavus dashboard, or remove it to use r4317e64d25a.',
  VITE_TAVUS_MODE: 'Set it to auto (the default), mock, direct or proxy.',
  VITE_TAVUS_BASE_URL: 'Remove it to use https://tavusapi.com.',
  VITE_TAVUS_CALLBACK_URL: 'Point it at your deployed tavus-webhook function, or remove it.',
  VITE_TAVUS_ALLOW_BROWSER_KEY: 'Set it to true only if you accept that the key is readable in the browser.',
  VITE_TAVUS_RECORDING_S3_BUCKET: 'Name the S3 bucket Tavus records into, or remove all three VITE_TAVUS_RECORDING_* settings.',
  VITE_TAVUS_RECORDING_S3_REGION: "Give the bucket's region, such as us-east-1.",
  VITE_TAVUS_RECORDING_ROLE_ARN: 'Give the ARN of the IAM role Tavus assumes to write into the bucket.',
  VITE_TAVUS_RECORDING_OFFERED: 'Set it to true in proxy mode when the tavus function has its TAVUS_RECORDING_* secrets.',
  VITE_LOCAL_DATA: 'Set it to browser (the default) or dev-server (one database in the dev server, shared by every browser).',
  VITE_SUPABASE_URL: 'Copy the project URL from Supabase (Project settings, API), or remove it to use the embedded database.',
  VITE_SUPABASE_ANON_KEY: 'Copy the anon (public) key from Supabase (Project settings, API).',
};

function display(variable: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  if (SECRET_SETTINGS.has(variable)) return `(${text.length} characters, hidden)`;
  return text;
}

/** Treat `FOO=` the way people mean it: as unset. */
function withoutBlanks(env: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

function crossChecks(s: RawSettings): SettingIssue[] {
  const issues: SettingIssue[] = [];
  const supabase = Boolean(s.VITE_SUPABASE_URL && s.VITE_SUPABASE_ANON_KEY);
  if (s.VITE_SUPABASE_URL && !s.VITE_SUPABASE_ANON_KEY) {
    issues.push({
      variable: 'VITE_SUPABASE_ANON_KEY',
      problem: 'is missing while VITE_SUPABASE_URL is set',
      fix: FIXES.VITE_SUPABASE_ANON_KEY!,
    });
  }
  if (!s.VITE_SUPABASE_URL && s.VITE_SUPABASE_ANON_KEY) {
    issues.push({
      variable: 'VITE_SUPABASE_URL',
      problem: 'is missing while VITE_SUPABASE_ANON_KEY is set',
      fix: FIXES.VITE_SUPABASE_URL!,
    });
  }
  if (s.VITE_TAVUS_MODE === 'proxy' && !supabase) {
    issues.push({
      variable: 'VITE_TAVUS_MODE',
      value: 'proxy',
      problem: 'proxy mode needs Supabase: the key lives in the tavus edge function',
      fix: 'Set VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY, or use mock mode.',
    });
  }
  if (s.VITE_TAVUS_MODE === 'proxy' && s.VITE_TAVUS_API_KEY) {
    issues.push({
      variable: 'VITE_TAVUS_API_KEY',
      value: display('VITE_TAVUS_API_KEY', s.VITE_TAVUS_API_KEY),
      problem: 'must not be set in proxy mode: it would be shipped to every browser',
      fix: 'Remove it and set TAVUS_API_KEY as a secret of the tavus edge function.',
    });
  }
  if (s.VITE_LOCAL_DATA === 'dev-server' && supabase) {
    issues.push({
      variable: 'VITE_LOCAL_DATA',
      value: 'dev-server',
      problem: 'keeps local data on the dev server, but VITE_SUPABASE_URL says the data lives in Supabase',
      fix: 'Remove VITE_LOCAL_DATA to use Supabase, or remove VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY to use local data.',
    });
  }
  issues.push(...recordingChecks(s));
  if (s.VITE_TAVUS_MODE === 'direct' && !s.VITE_TAVUS_API_KEY) {
    issues.push({
      variable: 'VITE_TAVUS_API_KEY',
      problem: 'is required in direct mode',
      fix: 'Set your Tavus API key, or set VITE_TAVUS_MODE=mock to run offline.',
    });
  }
  return issues;
}

const RECORDING_SETTINGS = ['VITE_TAVUS_RECORDING_S3_BUCKET', 'VITE_TAVUS_RECORDING_S3_REGION', 'VITE_TAVUS_RECORDING_ROLE_ARN'] as const;

/** Recording needs all three of its settings or none; in proxy mode they are the server's secrets. */
function recordingChecks(s: RawSettings): SettingIssue[] {
  const set = RECORDING_SETTINGS.filter((name) => s[name] !== undefined);
  if (set.length === 0) return [];
  if (s.VITE_TAVUS_MODE === 'proxy') {
    return set.map((variable) => ({
      variable,
      value: display(variable, s[variable]),
      problem: 'is set in proxy mode, where the server creates the conversations',
      fix: `Remove it; set ${variable.replace('VITE_', '')} as a secret of the tavus function and VITE_TAVUS_RECORDING_OFFERED=true.`,
    }));
  }
  return RECORDING_SETTINGS.filter((name) => s[name] === undefined).map((variable) => ({
    variable,
    problem: `is missing while ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set: recording needs all three`,
    fix: FIXES[variable]!,
  }));
}

/** Turns the raw environment into a typed config, or into issues that say how to fix each setting. */
export function resolveConfig(env: Record<string, unknown>): ConfigResult {
  const cleaned = withoutBlanks(env);
  const parsed = rawSettingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'settings');
      return {
        variable,
        value: display(variable, cleaned[variable]),
        problem: issue.message,
        fix: FIXES[variable] ?? 'Check .env.example.',
      };
    });
    return { ok: false, issues };
  }
  const s = parsed.data;
  const issues = crossChecks(s);
  const config = issues.length === 0 ? build(s) : undefined;
  return config ? { ok: true, config } : { ok: false, issues };
}

/** The config the settings describe; undefined only for combinations `crossChecks` reports. */
function build(s: RawSettings): AppConfig | undefined {
  const settings = {
    personaId: s.VITE_TAVUS_PERSONA_ID,
    replicaId: s.VITE_TAVUS_REPLICA_ID,
    baseUrl: s.VITE_TAVUS_BASE_URL.replace(/\/+$/, ''),
    ...(s.VITE_TAVUS_CALLBACK_URL ? { callbackUrl: s.VITE_TAVUS_CALLBACK_URL } : {}),
    ...recordingOf(s),
  };
  const data: DataConfig =
    s.VITE_SUPABASE_URL && s.VITE_SUPABASE_ANON_KEY
      ? { mode: 'supabase', url: s.VITE_SUPABASE_URL, anonKey: s.VITE_SUPABASE_ANON_KEY }
      : s.VITE_LOCAL_DATA === 'dev-server'
        ? { mode: 'local', store: 'dev-server' }
        : { mode: 'local' };
  const mode = s.VITE_TAVUS_MODE === 'auto' ? (s.VITE_TAVUS_API_KEY ? 'direct' : 'mock') : s.VITE_TAVUS_MODE;
  switch (mode) {
    case 'mock':
      return { tavus: { mode, ...settings }, data };
    case 'direct':
      return s.VITE_TAVUS_API_KEY ? { tavus: { mode, apiKey: s.VITE_TAVUS_API_KEY, ...settings }, data } : undefined;
    case 'proxy':
      return data.mode === 'supabase' && !s.VITE_TAVUS_API_KEY ? { tavus: { mode, ...settings }, data } : undefined;
  }
}

function recordingOf(s: RawSettings): { recording?: { target?: RecordingTarget } } {
  const [bucket, region, roleArn] = RECORDING_SETTINGS.map((name) => s[name]);
  if (bucket && region && roleArn) return { recording: { target: { bucket, region, roleArn } } };
  return s.VITE_TAVUS_RECORDING_OFFERED === 'true' && s.VITE_TAVUS_MODE === 'proxy' ? { recording: {} } : {};
}
