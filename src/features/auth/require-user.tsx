import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuthContext } from './auth-context';
import { useAuthStore } from './auth-store';
import { signInPath } from './safe-next';

/**
 * Renders its children for a signed-in user (or, in local data mode, for everyone: the local
 * user); otherwise sends to /sign-in with `next` set to come back here. In supabase mode the first
 * render goes by what supabase-js stored (`stored-session.ts`), so a return visit paints the page
 * while supabase-js loads; the page's data waits for supabase-js, which sends the real token.
 */
export function RequireUser({ children }: { children: ReactNode }) {
  const { mode } = useAuthContext();
  const status = useAuthStore((state) => state.status);
  const location = useLocation();

  if (mode === 'local' || status === 'signed_in') return <>{children}</>;
  if (status === 'loading') return <p role="status">Checking your sign-in…</p>;
  return <Navigate to={signInPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
}
