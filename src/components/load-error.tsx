import { Link } from 'react-router';

/**
 * A failed read, said plainly with what to do: sign in when nobody is, otherwise the database's
 * advice and a retry.
 */
export function LoadError({ error, what, here, onRetry }: { error: unknown; what: string; here: string; onRetry: () => void }) {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'not_authenticated') {
    return (
      <div role="alert" className="notice notice--error">
        <p>
          <strong>You are not signed in.</strong> Sign in to see {what}.
        </p>
        <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="notice notice--error">
      <p>
        <strong>{`${what[0]!.toUpperCase()}${what.slice(1)} could not be loaded.`}</strong> {message}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
