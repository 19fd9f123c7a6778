import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// supabase/config.toml, read the way the CLI reads its sections, says what a project created today
// has and what the sign-in page needs: no auto-exposed tables, email templates carrying the 6-digit
// code the page asks for, and a rate limit and a captcha setting for anonymous sign-ins.

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `[section]` -> key -> raw value, for the flat keys config.toml uses (no inline tables). */
function sections(text: string): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = result.get('')!;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[([\w.-]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      result.set(header[1]!, current);
      continue;
    }
    const pair = /^([\w-]+)\s*=\s*(.+)$/.exec(line);
    if (!pair) throw new Error(`config.toml: cannot read ${JSON.stringify(raw)}`);
    current.set(pair[1]!, pair[2]!);
  }
  return result;
}

const config = sections(readFileSync(join(root, 'supabase/config.toml'), 'utf8'));
const value = (section: string, key: string) => config.get(section)?.get(key);
const codeLength = Number(/\\d\{(\d+)\}/.exec(readFileSync(join(root, 'src/features/auth/sign-in-page.tsx'), 'utf8'))![1]);

describe('supabase/config.toml', () => {
  it('exposes no new table through the Data API without a grant, as a project created today', () => {
    expect(value('api', 'auto_expose_new_tables')).toBe('false');
    expect(value('api', 'schemas')).toBe('["public"]');
  });

  it.each(['magic_link', 'confirmation'])('the %s email carries the code the sign-in page asks for', (template) => {
    const path = JSON.parse(value(`auth.email.template.${template}`, 'content_path') ?? 'null') as string | null;
    expect(path).toMatch(/^\.\/supabase\/templates\/.+\.html$/);
    const file = join(root, path!);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('{{ .Token }}');
    expect(Number(value('auth.email', 'otp_length'))).toBe(codeLength);
  });

  it('limits anonymous sign-ins, each of which starts a free plan, and documents the captcha', () => {
    expect(value('auth', 'enable_anonymous_sign_ins')).toBe('true');
    const perHour = Number(value('auth.rate_limit', 'anonymous_users'));
    expect(perHour).toBeGreaterThan(0);
    expect(perHour).toBeLessThanOrEqual(30);
    expect(['"hcaptcha"', '"turnstile"']).toContain(value('auth.captcha', 'provider'));
    expect(value('auth.captcha', 'secret')).toMatch(/^"env\(\w+\)"$/);
  });
});
