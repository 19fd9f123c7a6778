/**
 * Where to go after signing in. Only a path of this app is accepted: `next` comes from the URL,
 * so anything else (another site, `//host`, `javascript:`) would be an open redirect.
 */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if ([...raw].some((char) => char.charCodeAt(0) < 32)) return '/';
  const url = new URL(raw, 'https://app.invalid');
  if (url.origin !== 'https://app.invalid' || url.pathname === '/sign-in') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(next: string): string {
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
