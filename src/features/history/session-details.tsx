import { useQuery } from '@tanstack/react-query';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Session } from '@/lib/db';
import { SessionRecord } from './session-record';

type State = { phase: 'loading' } | { phase: 'ready'; session: Session } | { phase: 'missing' } | { phase: 'error'; message: string };

/** The full record of one session, read when its row is opened (the list leaves transcripts out). */
export function SessionDetails({ id, personaName }: { id: string; personaName: string | null }) {
  const services = useServices();
  const query = useQuery({ queryKey: queryKeys.session(id), queryFn: async () => (await services.db()).getSession(id) });
  const state: State =
    query.status === 'pending'
      ? { phase: 'loading' }
      : query.status === 'error'
        ? { phase: 'error', message: query.error instanceof Error ? query.error.message : String(query.error) }
        : query.data
          ? { phase: 'ready', session: query.data }
          : { phase: 'missing' };

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
