import { useState } from 'react';
import { useAuthContext } from './auth-context';
import { useAuthStore } from './auth-store';

/** Nothing in local data mode (nobody to sign out); a button otherwise, with any failure shown. */
export function SignOutButton() {
  const { mode, client } = useAuthContext();
  const status = useAuthStore((state) => state.status);
  const signOut = useAuthStore((state) => state.signOut);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (mode === 'local' || status !== 'signed_in' || !client) return null;
  return (
    <span className="sign-out">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const outcome = await signOut(client);
          setBusy(false);
          if (!outcome.ok) setError(outcome.message);
        }}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
