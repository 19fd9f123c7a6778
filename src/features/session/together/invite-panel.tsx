import { useEffect, useId, useState } from 'react';
import type { Invite } from '@/lib/db';
import { useServices } from '@/lib/services';
import { checkPersonName } from '@/lib/sessions/together';
import { explainError, type Explained } from '../messages';
import { formatClock } from './format-time';
import { TOGETHER_TEXT } from './texts';

/** The address a partner opens: this app's /join/<token>. */
export function inviteLink(token: string): string {
  return `${window.location.origin}/join/${token}`;
}

function useExpired(expiresAt: string | undefined): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(left + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [expiresAt]);
  return expiresAt !== undefined && Date.parse(expiresAt) <= now;
}

function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(TOGETHER_TEXT.copied(what));
    } catch {
      setSaid(TOGETHER_TEXT.copyFailed(what));
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="invite__copied">
        {said}
      </span>
    </>
  );
}

/**
 * The host's side of a session together: the invite to share (link and code, with copy buttons and
 * the time it works until), then who has joined. `invite` is null when none could be made yet.
 */
export function InvitePanel({ sessionId, invite, onChanged }: { sessionId: string; invite: Invite | null; onChanged: () => void }) {
  const services = useServices();
  const nameId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained | null>(null);
  const expired = useExpired(invite?.expires_at);

  const create = async (hostName?: string) => {
    setBusy(true);
    setError(null);
    try {
      const gateway = await services.sessions();
      if (!gateway.together) throw new Error(TOGETHER_TEXT.notOffered);
      await gateway.together.createInvite(sessionId, hostName);
      onChanged();
    } catch (failure) {
      setError(explainError(failure, services.config.tavus.mode));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (invite?.partner_name) {
    body = <p role="status">{TOGETHER_TEXT.partnerJoined(invite.partner_name)}</p>;
  } else if (!invite) {
    body = (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkPersonName(name);
          if (checked) void create(checked);
          else setError({ code: 'invalid_name', title: TOGETHER_TEXT.badName, advice: '' });
        }}
      >
        <p>{TOGETHER_TEXT.noInvite}</p>
        <label htmlFor={nameId}>Your name</label>{' '}
        <input id={nameId} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />{' '}
        <button type="submit" disabled={busy}>
          Create invite
        </button>
      </form>
    );
  } else {
    const link = inviteLink(invite.token);
    body = (
      <>
        <p>{expired ? TOGETHER_TEXT.expired : TOGETHER_TEXT.share(formatClock(invite.expires_at))}</p>
        {!expired && (
          <dl className="invite__details">
            <div>
              <dt>Link</dt>
              <dd>
                <a href={link} className="invite__link">
                  {link}
                </a>{' '}
                <CopyButton text={link} label="Copy link" what="link" />
              </dd>
            </div>
            <div>
              <dt>Code</dt>
              <dd>
                <strong className="invite__code">{invite.code}</strong> <CopyButton text={invite.code} label="Copy code" what="code" />
              </dd>
            </div>
          </dl>
        )}
        <p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void create()}>
            New invite
          </button>
        </p>
        {!expired && <p className="invite__waiting">{TOGETHER_TEXT.waiting}</p>}
      </>
    );
  }

  return (
    <section className="invite" aria-labelledby="invite-title">
      <h2 id="invite-title">{invite?.partner_name ? 'Together' : 'Invite your partner'}</h2>
      {body}
      {error && (
        <p role="alert" className="notice notice--error">
          <strong>{error.title}</strong> {error.advice}
        </p>
      )}
    </section>
  );
}
