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
  ])('%s -> %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });

  it('builds the sign-in path that comes back', () => {
    expect(signInPath('/history?page=2')).toBe('/sign-in?next=%2Fhistory%3Fpage%3D2');
    expect(signInPath('/')).toBe('/sign-in');
  });
});
