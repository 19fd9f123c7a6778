import { useMemo } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useAuthContext } from './auth-context';
import { useAuthStore } from './auth-store';
import { linkErrorFromHash } from './messages';
import { safeNext } from './safe-next';
import { SignInPage } from './sign-in-page';

/** `/sign-in?next=/path`: signs in, then returns to `next` (a path of this app only). */
export function SignInRoute() {
  const { mode, client, loadError } = useAuthContext();
  const status = useAuthStore((state) => state.status);
  const storeError = useAuthStore((state) => state.error);
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const redirectTo = useMemo(() => {
    const url = new URL('/sign-in', window.location.origin);
    if (next !== '/') url.searchParams.set('next', next);
    return url.toString();
  }, [next]);

  if (mode === 'local') {
    return (
      <section>
        <h1>No sign-in needed</h1>
        <p>This app keeps your sessions in this browser&apos;s own database, as its local user.</p>
        <Link to={next}>Continue</Link>
      </section>
    );
  }
  // Every way in ends here: a code or a guest sign-in sets the store, and so does a magic link
  // (supabase-js reads it from the URL and reports the session).
  if (status === 'signed_in') return <Navigate to={next} replace />;
  return (
    <SignInPage client={client} redirectTo={redirectTo} initialError={loadError ?? linkErrorFromHash(window.location.hash) ?? storeError} />
  );
}
