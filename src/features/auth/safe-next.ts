/**
 * Where to go after signing in. Only a path of this app is accepted: `next` comes from the URL,
 * so anything else (another site, `//host`, `javascript:`) would be an open redirect.
 *
 * The decision is made on the URL as a browser normalises it (dot segments, `%2e`, backslashes
 * read as slashes), because that is what the link finally points to: `/.//evil.example` is
 * `//evil.example` once `/./` is removed. What is returned is checked once more by reading it back.
 */

const BASE = 'https://app.invalid';
const MAX_LENGTH = 2048;

export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > MAX_LENGTH || !raw.startsWith('/')) return '/';
  // tabs and newlines are silently dropped by the URL parser, so `/\t/evil` would become `//evil`
  if ([...raw].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)) return '/';
  const path = normalisedPath(raw);
  if (path === null || path.split(/[?#]/, 1)[0] === '/sign-in') return '/';
  // the answer must survive being read again unchanged: a path that normalises further is refused
  return normalisedPath(path) === path ? path : '/';
}

/** The path, query and hash of `value` read as a link on this origin, or null when it leaves it. */
function normalisedPath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // a path that starts with two slashes (or a backslash, read as one) names a host when used as a link
  if (!url.pathname.startsWith('/') || url.pathname.startsWith('//') || url.pathname.includes('\\')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(next: string): string {
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
