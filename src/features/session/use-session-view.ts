import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices, type Services } from '@/lib/services';
import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { resolveOpenSession } from './resolve';
import { explainError, type Explained } from './messages';

export interface EndNotice {
  tone: 'info' | 'error';
  text: string;
}

export type SessionView =
  | { phase: 'loading' }
  | { phase: 'not_found' }
  | { phase: 'error'; error: Explained }
  | { phase: 'starting'; session: Session; stale: boolean; gateway: SessionGateway }
  | { phase: 'other_tab'; session: Session; gateway: SessionGateway }
  | { phase: 'call'; session: Session; gateway: SessionGateway }
  | { phase: 'summary'; session: Session; gateway: SessionGateway; notice?: EndNotice };

/** Reads the session and settles it if its tab is gone: what `/session/:id` should show. */
export async function readSessionView(services: Pick<Services, 'db' | 'sessions' | 'config'>, id: string | undefined): Promise<SessionView> {
  try {
    const [db, gateway] = await Promise.all([services.db(), services.sessions()]);
    const session = id ? await db.getSession(id) : null;
    if (!session) return { phase: 'not_found' };
    if (session.status === 'ended' || session.status === 'failed') {
      await resolveOpenSession(session, gateway); // clears a leftover note
      return { phase: 'summary', session, gateway };
    }
    const open = await resolveOpenSession(session, gateway);
    switch (open.kind) {
      case 'ended_on_leave':
        return { phase: 'summary', session: open.session, gateway, notice: { tone: 'info', text: 'This session ended: its tab was closed and did not come back within a minute.' } };
      case 'ended_at_limit':
        return { phase: 'summary', session: open.session, gateway, notice: { tone: 'info', text: 'This session reached its time limit.' } };
      case 'other_tab':
        return { phase: 'other_tab', session: open.session, gateway };
      case 'running':
        return { phase: 'call', session: open.session, gateway };
      case 'starting':
        return { phase: 'starting', session: open.session, stale: open.stale, gateway };
      case 'none':
        return { phase: 'summary', session, gateway };
    }
  } catch (error) {
    return { phase: 'error', error: explainError(error, services.config.tavus.mode) };
  }
}

/**
 * The state of `/session/:id`: the call when this tab may run it, the summary once it has ended,
 * or what to do when it runs elsewhere. Follows the database: a session ended by another tab, a
 * device or Tavus's shutdown callback turns into its summary here too.
 */
export function useSessionView(id: string | undefined) {
  const services = useServices();
  const [state, setState] = useState<{ id: string | undefined; view: SessionView }>({ id, view: { phase: 'loading' } });
  const view: SessionView = state.id === id ? state.view : { phase: 'loading' };
  const phase = useRef<SessionView['phase']>('loading');
  // Set while this tab ends the session itself, so its own change is not taken for an end elsewhere.
  const endingHere = useRef(false);

  useEffect(() => {
    phase.current = view.phase;
  }, [view.phase]);

  const show = useCallback((next: SessionView) => setState({ id, view: next }), [id]);
  const reload = useCallback(() => readSessionView(services, id).then(show), [services, id, show]);

  /** During the call only an end decided elsewhere matters; the call itself never re-resolves. */
  const followChange = useCallback(async () => {
    if (phase.current === 'summary' || phase.current === 'loading' || endingHere.current) return;
    if (phase.current !== 'call') return void (await reload());
    const [db, gateway] = await Promise.all([services.db(), services.sessions()]);
    const session = id ? await db.getSession(id).catch(() => null) : null;
    if (session && (session.status === 'ended' || session.status === 'failed') && phase.current === 'call' && !endingHere.current) {
      show({ phase: 'summary', session, gateway, notice: { tone: 'info', text: 'This session was ended elsewhere (another tab, another device, or Tavus).' } });
    }
  }, [id, reload, services, show]);

  useEffect(() => {
    let gone = false;
    let unsubscribe: (() => void) | undefined;
    endingHere.current = false;
    void readSessionView(services, id).then((next) => {
      if (!gone) setState({ id, view: next });
    });
    services.db().then(
      (db) => {
        if (gone) return;
        unsubscribe = db.subscribe((change) => {
          if (!change.sessionId || change.sessionId === id) void followChange();
        });
      },
      () => undefined,
    );
    return () => {
      gone = true;
      unsubscribe?.();
    };
  }, [id, followChange, services]);

  const finish = useCallback(
    (session: Session, notice?: EndNotice) => {
      setState((current) =>
        'gateway' in current.view
          ? { id, view: { phase: 'summary', session, gateway: current.view.gateway, ...(notice ? { notice } : {}) } }
          : current,
      );
    },
    [id],
  );

  const markEnding = useCallback((ending: boolean) => {
    endingHere.current = ending;
  }, []);

  return { view, reload, finish, markEnding };
}
