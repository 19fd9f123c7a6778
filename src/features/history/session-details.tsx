import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import type { Session } from '@/lib/db';
import { SessionRecord } from './session-record';

type State = { phase: 'loading' } | { phase: 'ready'; session: Session } | { phase: 'missing' } | { phase: 'error'; message: string };

/** The full record of one session, read when its row is opened (the list leaves transcripts out). */
export function SessionDetails({ id, personaName }: { id: string; personaName: string | null }) {
  const services = useServices();
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let gone = false;
    services
      .db()
      .then((db) => db.getSession(id))
      .then(
        (session) => !gone && setState(session ? { phase: 'ready', session } : { phase: 'missing' }),
        (error: unknown) => !gone && setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      gone = true;
    };
  }, [services, id]);

  switch (state.phase) {
    case 'loading':
      return <p aria-busy="true">Loading the session…</p>;
    case 'missing':
      return <p>This session no longer exists.</p>;
    case 'error':
      return (
        <p role="alert" className="error-text">
          The session could not be loaded. {state.message}
        </p>
      );
    case 'ready':
      return <SessionRecord session={state.session} personaName={personaName} headingLevel={3} />;
  }
}
