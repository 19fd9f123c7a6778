import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { AuthClient } from './auth-client';
import { useAuthStore } from './auth-store';

const emailSchema = z.email();
const codeSchema = z.string().regex(/^\d{6}$/);

type Step = { name: 'email' } | { name: 'code'; email: string };

export interface SignInPageProps {
  /** `supabase.auth`; null while supabase-js is still loading. */
  client: AuthClient | null;
  /** Where the magic link returns to: this page, which then goes on to `next`. */
  redirectTo: string;
  /** Shown first, e.g. why a magic link failed or why sign-in could not load. */
  initialError?: string | null;
  /** Called after a code or guest sign-in succeeds (a magic link arrives through the store instead). */
  onSignedIn?: () => void;
}

/** Email one-time code or magic link (one email carries both), or a guest account. */
export function SignInPage({ client, redirectTo, initialError = null, onSignedIn }: SignInPageProps) {
  const { sendCode, verifyCode, continueAsGuest } = useAuthStore();
  const [step, setStep] = useState<Step>({ name: 'email' });
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<null | 'send' | 'verify' | 'guest'>(null);
  const [ownError, setError] = useState<string | null>(null);
  // The initial error may arrive late (a failed load) and stands until the user acts.
  const [actedOn, setActedOn] = useState(false);
  const error = ownError ?? (actedOn ? null : initialError);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { title: useId(), email: useId(), code: useId(), error: useId() };

  async function run(kind: 'send' | 'verify' | 'guest', action: (auth: AuthClient) => Promise<{ ok: boolean; message?: string }>) {
    if (!client) return setError(initialError ?? 'Sign-in is still loading. Try again in a moment.');
    setActedOn(true);
    setBusy(kind);
    setError(null);
    setNotice(null);
    try {
      const outcome = await action(client);
      if (!outcome.ok) setError(outcome.message ?? 'That did not work. Try again.');
      return outcome.ok;
    } catch (thrown) {
      setError(`Something went wrong: ${thrown instanceof Error ? thrown.message : String(thrown)}. Try again.`);
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function onSend(event?: FormEvent) {
    event?.preventDefault();
    const address = (step.name === 'code' ? step.email : email).trim();
    if (!emailSchema.safeParse(address).success) return setError('Enter an email address such as name@example.com.');
    if (await run('send', (auth) => sendCode(auth, address, redirectTo))) {
      setStep({ name: 'code', email: address });
      setCode('');
      setNotice(`We sent an email to ${address}.`);
    }
  }

  async function onVerify(event: FormEvent) {
    event.preventDefault();
    if (step.name !== 'code') return;
    const token = code.replace(/\s+/g, '');
    if (!codeSchema.safeParse(token).success) return setError('Enter the 6 digits from the email.');
    if (await run('verify', (auth) => verifyCode(auth, step.email, token))) onSignedIn?.();
  }

  async function onGuest() {
    if (await run('guest', continueAsGuest)) onSignedIn?.();
  }

  const describedBy = error ? ids.error : undefined;
  return (
    <section className="sign-in" aria-labelledby={ids.title}>
      <h1 id={ids.title}>Sign in</h1>
      {error && (
        <p id={ids.error} role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}

      {step.name === 'email' ? (
        <form onSubmit={onSend} noValidate aria-busy={busy === 'send'}>
          <label htmlFor={ids.email}>Email address</label>
          <input
            id={ids.email}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={describedBy}
          />
          <button type="submit" disabled={busy !== null}>
            {busy === 'send' ? 'Sending…' : 'Email me a sign-in code'}
          </button>
          <p className="hint">The email holds a 6-digit code and a link; use whichever is handier.</p>
        </form>
      ) : (
        <form onSubmit={onVerify} noValidate aria-busy={busy === 'verify'}>
          <p>Enter the 6-digit code from the email to {step.email}, or open its sign-in link on this device.</p>
          <label htmlFor={ids.code}>6-digit code</label>
          <input
            id={ids.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-describedby={describedBy}
          />
          <button type="submit" disabled={busy !== null}>
            {busy === 'verify' ? 'Checking…' : 'Verify code'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void onSend()}>
            Send a new code
          </button>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              setStep({ name: 'email' });
              setError(null);
              setNotice(null);
            }}
          >
            Use a different email
          </button>
        </form>
      )}

      <div className="sign-in__guest">
        <button type="button" disabled={busy !== null} onClick={() => void onGuest()}>
          {busy === 'guest' ? 'Starting guest session…' : 'Continue as guest'}
        </button>
        <p className="hint">A guest account lives in this browser only: signing out or clearing site data loses its history.</p>
      </div>
    </section>
  );
}
