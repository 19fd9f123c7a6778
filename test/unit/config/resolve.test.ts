import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@/config';

function issuesOf(env: Record<string, string>) {
  const result = resolveConfig(env);
  if (result.ok) throw new Error('expected the settings to be refused');
  return result.issues;
}

describe('settings: modes', () => {
  it('runs in mock mode with the embedded database when nothing is set', () => {
    const result = resolveConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        tavus: { mode: 'mock', personaId: 'p7e13c73f41f', replicaId: 'r4317e64d25a', baseUrl: 'https://tavusapi.com' },
        data: { mode: 'local' },
      },
    });
  });

  it('treats blank values as unset', () => {
    const result = resolveConfig({ VITE_TAVUS_API_KEY: '  ', VITE_TAVUS_MODE: '', VITE_SUPABASE_URL: '' });
    expect(result.ok && result.config.tavus.mode).toBe('mock');
  });

  it('goes live (direct) when a key is set in auto mode, and keeps the key only there', () => {
    const result = resolveConfig({ VITE_TAVUS_API_KEY: 'tk_1234567890' });
    expect(result.ok && result.config.tavus).toMatchObject({ mode: 'direct', apiKey: 'tk_1234567890' });
  });

  it('stays in mock mode when asked, even with a key, and drops the key', () => {
    const result = resolveConfig({ VITE_TAVUS_API_KEY: 'tk_1234567890', VITE_TAVUS_MODE: 'mock' });
    expect(result.ok && result.config.tavus.mode).toBe('mock');
    expect(result.ok && 'apiKey' in result.config.tavus).toBe(false);
  });

  it('uses proxy mode with Supabase and no key in the browser', () => {
    const result = resolveConfig({
      VITE_TAVUS_MODE: 'proxy',
      VITE_SUPABASE_URL: 'https://abc.supabase.co',
      VITE_SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.anon-key',
    });
    expect(result.ok && result.config).toMatchObject({
      tavus: { mode: 'proxy' },
      data: { mode: 'supabase', url: 'https://abc.supabase.co' },
    });
  });

  it('strips a trailing slash from the base URL and keeps custom ids', () => {
    const result = resolveConfig({
      VITE_TAVUS_BASE_URL: 'http://localhost:9999/',
      VITE_TAVUS_PERSONA_ID: 'pabc123def45',
      VITE_TAVUS_REPLICA_ID: 'r00aa11bb22c',
    });
    expect(result.ok && result.config.tavus).toMatchObject({
      baseUrl: 'http://localhost:9999',
      personaId: 'pabc123def45',
      replicaId: 'r00aa11bb22c',
    });
  });
});

describe('settings: where local data lives', () => {
  it("keeps it in this browser unless told, or in the dev server's shared database", () => {
    const browser = resolveConfig({ VITE_LOCAL_DATA: 'browser' });
    expect(browser.ok && browser.config.data).toEqual({ mode: 'local' });
    expect(resolveConfig({ VITE_LOCAL_DATA: 'dev-server' })).toMatchObject({
      ok: true,
      config: { tavus: { mode: 'mock' }, data: { mode: 'local', store: 'dev-server' } },
    });
  });

  it('refuses another value, and the dev server with Supabase data, naming the setting and the fix', () => {
    expect(issuesOf({ VITE_LOCAL_DATA: 'server' })).toEqual([
      expect.objectContaining({ variable: 'VITE_LOCAL_DATA', value: 'server', problem: 'must be browser or dev-server' }),
    ]);
    expect(
      issuesOf({
        VITE_LOCAL_DATA: 'dev-server',
        VITE_SUPABASE_URL: 'https://abc.supabase.co',
        VITE_SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.anon-key',
      }),
    ).toEqual([expect.objectContaining({ variable: 'VITE_LOCAL_DATA', fix: expect.stringContaining('Remove VITE_LOCAL_DATA') })]);
  });
});

describe('settings: each bad value is named with its problem and fix', () => {
  it('refuses a malformed persona id', () => {
    const [issue] = issuesOf({ VITE_TAVUS_PERSONA_ID: 'persona-1' });
    expect(issue).toMatchObject({ variable: 'VITE_TAVUS_PERSONA_ID', value: 'persona-1' });
    expect(issue!.problem).toMatch(/p7e13c73f41f/);
    expect(issue!.fix).toMatch(/dashboard/);
  });

  it('refuses a malformed replica id', () => {
    expect(issuesOf({ VITE_TAVUS_REPLICA_ID: 'p7e13c73f41f' })[0]!.variable).toBe('VITE_TAVUS_REPLICA_ID');
  });

  it('refuses a base URL that is not a URL', () => {
    const [issue] = issuesOf({ VITE_TAVUS_BASE_URL: 'tavusapi.com' });
    expect(issue).toMatchObject({ variable: 'VITE_TAVUS_BASE_URL', value: 'tavusapi.com' });
    expect(issue!.problem).toMatch(/URL/);
  });

  it('refuses a callback URL with another scheme', () => {
    expect(issuesOf({ VITE_TAVUS_CALLBACK_URL: 'ftp://example.com/cb' })[0]!.variable).toBe('VITE_TAVUS_CALLBACK_URL');
  });

  it('refuses an unknown mode', () => {
    const [issue] = issuesOf({ VITE_TAVUS_MODE: 'live' });
    expect(issue).toMatchObject({ variable: 'VITE_TAVUS_MODE', value: 'live' });
    expect(issue!.problem).toMatch(/auto, mock, direct, proxy/);
  });

  it('refuses proxy mode without Supabase', () => {
    const [issue] = issuesOf({ VITE_TAVUS_MODE: 'proxy' });
    expect(issue).toMatchObject({ variable: 'VITE_TAVUS_MODE' });
    expect(issue!.fix).toMatch(/VITE_SUPABASE_URL/);
  });

  it('refuses a browser key in proxy mode, without echoing the key', () => {
    const issues = issuesOf({
      VITE_TAVUS_MODE: 'proxy',
      VITE_TAVUS_API_KEY: 'secret-key-123',
      VITE_SUPABASE_URL: 'https://abc.supabase.co',
      VITE_SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.anon-key',
    });
    expect(issues[0]!.variable).toBe('VITE_TAVUS_API_KEY');
    expect(JSON.stringify(issues)).not.toContain('secret-key-123');
  });

  it('refuses direct mode without a key', () => {
    expect(issuesOf({ VITE_TAVUS_MODE: 'direct' })[0]!.variable).toBe('VITE_TAVUS_API_KEY');
  });

  it('refuses half a Supabase configuration', () => {
    expect(issuesOf({ VITE_SUPABASE_URL: 'https://abc.supabase.co' })[0]!.variable).toBe('VITE_SUPABASE_ANON_KEY');
    expect(issuesOf({ VITE_SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.anon-key' })[0]!.variable).toBe('VITE_SUPABASE_URL');
  });

  it('refuses a flag that is not true or false', () => {
    expect(issuesOf({ VITE_TAVUS_ALLOW_BROWSER_KEY: 'yes' })[0]!.variable).toBe('VITE_TAVUS_ALLOW_BROWSER_KEY');
  });

  it('reports every bad setting at once, never a secret value', () => {
    const issues = issuesOf({ VITE_TAVUS_PERSONA_ID: 'x', VITE_TAVUS_MODE: 'nope', VITE_TAVUS_API_KEY: 'short' });
    expect(issues.map((i) => i.variable).sort()).toEqual(['VITE_TAVUS_API_KEY', 'VITE_TAVUS_MODE', 'VITE_TAVUS_PERSONA_ID']);
    expect(issues.find((i) => i.variable === 'VITE_TAVUS_API_KEY')!.value).toBe('(5 characters, hidden)');
  });
});

describe('settings: recording', () => {
  const recording = {
    VITE_TAVUS_RECORDING_S3_BUCKET: 'reflections-recordings',
    VITE_TAVUS_RECORDING_S3_REGION: 'eu-west-1',
    VITE_TAVUS_RECORDING_ROLE_ARN: 'arn:aws:iam::123456789012:role/tavus-recordings',
  };

  it('is off unless set; with all three settings, sessions may be recorded into that bucket', () => {
    const off = resolveConfig({});
    expect(off.ok && off.config.tavus.recording).toBeUndefined();
    const on = resolveConfig(recording);
    expect(on.ok && on.config.tavus.recording).toEqual({
      target: { bucket: 'reflections-recordings', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/tavus-recordings' },
    });
  });

  it('refuses a malformed value, naming the setting and how to fix it', () => {
    const [bucket] = issuesOf({ ...recording, VITE_TAVUS_RECORDING_S3_BUCKET: 'My_Bucket' });
    expect(bucket).toMatchObject({
      variable: 'VITE_TAVUS_RECORDING_S3_BUCKET',
      value: 'My_Bucket',
      problem: expect.stringContaining('S3 bucket name'),
    });
    const [region] = issuesOf({ ...recording, VITE_TAVUS_RECORDING_S3_REGION: 'Ireland' });
    expect(region).toMatchObject({ variable: 'VITE_TAVUS_RECORDING_S3_REGION', problem: 'must be an AWS region such as us-east-1' });
    const [role] = issuesOf({ ...recording, VITE_TAVUS_RECORDING_ROLE_ARN: 'arn:aws:s3:::bucket' });
    expect(role).toMatchObject({ variable: 'VITE_TAVUS_RECORDING_ROLE_ARN', problem: expect.stringContaining('IAM role ARN') });
  });

  it('needs all three: each missing one is named', () => {
    const issues = issuesOf({ VITE_TAVUS_RECORDING_S3_BUCKET: 'reflections-recordings' });
    expect(issues.map((issue) => issue.variable)).toEqual(['VITE_TAVUS_RECORDING_S3_REGION', 'VITE_TAVUS_RECORDING_ROLE_ARN']);
    expect(issues[0]!.problem).toBe('is missing while VITE_TAVUS_RECORDING_S3_BUCKET is set: recording needs all three');
  });

  it("in proxy mode is the server's: the browser only knows that it is offered", () => {
    const proxy = {
      VITE_TAVUS_MODE: 'proxy',
      VITE_SUPABASE_URL: 'https://x.supabase.co',
      VITE_SUPABASE_ANON_KEY: 'anon_key_long_enough_123',
    };
    const offered = resolveConfig({ ...proxy, VITE_TAVUS_RECORDING_OFFERED: 'true' });
    expect(offered.ok && offered.config.tavus.recording).toEqual({});
    const issues = issuesOf({ ...proxy, ...recording });
    expect(issues).toHaveLength(3);
    expect(issues[0]!.fix).toContain('TAVUS_RECORDING_S3_BUCKET as a secret of the tavus function');
  });
});
