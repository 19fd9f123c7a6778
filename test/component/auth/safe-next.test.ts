import { safeNext, signInPath } from '@/features/auth';

describe('safeNext', () => {
  it.each([
    ['/history?page=2#top', '/history?page=2#top'],
    ['/session/6b72a8de-3832-404f-81fd-3e872cec8826', '/session/6b72a8de-3832-404f-81fd-3e872cec8826'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/\tjavascript:alert(1)', '/'],
    ['/sign-in?next=/history', '/'],
    // the payloads that once escaped: each normalises to `//evil.example`
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['/%2E%2E//evil.example', '/'],
    ['/./\\evil.example', '/'],
    ['/a/..//evil.example', '/'],
    ['/a/%2e%2e//evil.example', '/'],
    ['/./sign-in', '/'],
    // a path of this app, tidied as the browser would
    ['/a/../history', '/history'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('%s -> %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });

  it('builds the sign-in path that comes back', () => {
    expect(signInPath('/history?page=2')).toBe('/sign-in?next=%2Fhistory%3Fpage%3D2');
    expect(signInPath('/')).toBe('/sign-in');
  });
});

/**
 * Every return path built from the pieces attackers use (dot segments plain and encoded, slashes
 * and backslashes plain and encoded, control characters, schemes, userinfo) is followed the way a
 * browser follows a link on the app's page, and must stay on the app's origin.
 */
describe('safeNext against generated return paths', () => {
  const APP = 'https://app.awaknow.test';
  const starts = ['', '/', '\\', '/.', '/..', '/%2e', '/%2E', '/%2e%2e', '/.%2e', '/a/..', '/a/%2e%2e', '/./.', '/%252e'];
  const separators = [
    '/',
    '\\',
    '//',
    '\\\\',
    '/\\',
    '\\/',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '%2f%2f',
    '\t/',
    '/\t',
    '\n/',
    '\r/',
    '\u0000/',
    ' /',
    '/%09/',
    '/./',
  ];
  const hosts = ['evil.example', 'evil.example:443/x', '@evil.example', 'user@evil.example', 'evil.example?next=/', 'evil.example#/'];
  const schemes = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,x',
    'https://evil.example',
    'https:evil.example',
    'http:/evil.example',
    'vbscript:x',
    '\u0001javascript:x',
    ' https://evil.example',
  ];

  const payloads = new Set<string>();
  for (const start of starts) for (const separator of separators) for (const host of hosts) payloads.add(`${start}${separator}${host}`);
  for (const scheme of schemes) {
    payloads.add(scheme);
    for (const start of starts) payloads.add(`${start}/${scheme}`);
  }

  it(`keeps all ${payloads.size} of them on the app's origin`, () => {
    const escaped: string[] = [];
    for (const payload of payloads) {
      const next = safeNext(payload);
      // what the Continue link's href resolves to on the app's page
      const followed = new URL(next, `${APP}/sign-in`);
      if (followed.origin !== APP || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
        escaped.push(`${JSON.stringify(payload)} -> ${JSON.stringify(next)}`);
      }
    }
    expect(escaped).toEqual([]);
  });

  it('gives back a path that is already normalised, so following it twice lands on the same page', () => {
    for (const payload of payloads) {
      const next = safeNext(payload);
      expect(safeNext(next)).toBe(next);
    }
  });
});
