import { useCallback, useEffect, useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { InvitePreview, JoinedSession } from '@/lib/db';
import { useServices } from '@/lib/services';
import { checkPersonName } from '@/lib/sessions/together';
import { explainError, type Explained } from '../messages';
import { formatClock } from './format-time';
import { PartnerCall } from './partner-call';
import { inviteStore } from './use-invite';
import { TOGETHER_TEXT } from './texts';
import '../session.css';

/**
 * `/join/:token` (the invite's link) and `/join` (type the code): who invited you and to what, your
 * name, then the same call as the host's.
 */
export function JoinPage() {
  const { token } = useParams();
  const navigate = useNavigate();
  const services = useServices();
  const codeId = useId();
  const nameId = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<{ key: string; invite: InvitePreview } | null>(null);
  const [joined, setJoined] = useState<{ session: JoinedSession; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Explained | null>(null);
  const mode = services.config.tavus.mode;
  const fail = (failure: unknown) => setError(explainError(failure, mode));

  const previewOf = useCallback(async (key: string) => (await inviteStore(await services.db())).previewInvite(key), [services]);
  const look = async (key: string) => {
    setBusy(true);
    setError(null);
    try {
      setPreview({ key, invite: await previewOf(key) });
    } catch (failure) {
      setPreview(null);
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  // the link's invite is looked up as the page opens
  useEffect(() => {
    if (!token) return;
    let live = true;
    previewOf(token).then(
      (invite) => live && setPreview({ key: token, invite }),
      (failure: unknown) => live && setError(explainError(failure, mode)),
    );
    return () => {
      live = false;
    };
  }, [token, previewOf, mode]);

  const join = async () => {
    const checked = checkPersonName(name);
    if (!checked || !preview) {
      setError({ code: 'invalid_name', title: TOGETHER_TEXT.badName, advice: '' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const gateway = await services.sessions();
      if (!gateway.together) throw new Error(TOGETHER_TEXT.notOffered);
      const session = await gateway.together.redeem(preview.key, checked);
      setJoined({ session, name: session.partner_name ?? checked });
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  if (joined) return <PartnerCall joined={joined.session} name={joined.name} />;

  return (
    <section className="page join" aria-labelledby="page-title" aria-busy={busy || undefined}>
      <h1 id="page-title">Join a session together</h1>
      {!token && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (code.trim()) void look(code);
          }}
        >
          <label htmlFor={codeId}>Invite code</label>{' '}
          <input id={codeId} value={code} autoComplete="off" maxLength={12} onChange={(e) => setCode(e.target.value)} />{' '}
          <button type="submit" disabled={busy}>
            Look up
          </button>
        </form>
      )}
      {preview && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void join();
          }}
        >
          <p>
            <strong>{TOGETHER_TEXT.invitedBy(preview.invite.host_name)}</strong>
          </p>
          <p>{preview.invite.joined ? TOGETHER_TEXT.joinedAlready : TOGETHER_TEXT.inviteOpen(formatClock(preview.invite.expires_at))}</p>
          <label htmlFor={nameId}>Your name</label>{' '}
          <input id={nameId} value={name} maxLength={60} autoComplete="given-name" onChange={(e) => setName(e.target.value)} />{' '}
          <button type="submit" disabled={busy}>
            Join session
          </button>
        </form>
      )}
      {error && (
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{error.title}</strong> {error.advice}
          </p>
          {token && (
            <button type="button" className="secondary" onClick={() => navigate('/join')}>
              Type a code instead
            </button>
          )}
        </div>
      )}
    </section>
  );
}
