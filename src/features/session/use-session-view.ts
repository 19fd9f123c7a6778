import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices, type Services } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Session } from '@/lib/db';
import type { SessionGateway } from '@/lib/sessions/types';
import { inspectOpenSession, settleOpenSession, type SessionToEnd } from './resolve';
import { readLeftNote } from './ownership';
import { explainError, type Explained } from './messages';

export interface EndNotice {
  tone: 'info' | 'error';
  text: string;
  /** The notice says why the session ended: the summary does not say it a second time. */
  saysWhy?: boolean;
}

export type SessionView =
  | { phase: 'loading' }
  | { phase: 'not_found' }
  | { phase: 'error'; error: Explained }
  | { phase: 'starting'; session: Session; stale: boolean; gateway: SessionGateway }
  | { phase: 'other_tab'; session: Session; gateway: SessionGateway }
  | { phase: 'call'; session: Session; gateway: SessionGateway }
  | { phase: 'summary'; session: Session; gateway: SessionGateway; notice?: EndNotice };

/** A read that found the session orphaned: it is ended (an action of its own) before it is shown. */
type SessionRead = Exclude<SessionView, { phase: 'loading' }> | { phase: 'to_end'; found: SessionToEnd; gateway: SessionGateway };

const NOTICES = {
  ended_on_leave: 'This session ended: its tab was closed and did not come back within a minute.',
  ended_at_limit: 'This session reached its time limit.',
} as const;

/** Ended because its tab went: by this browser's end, or by Tavus's shutdown once nobody was left in the call. */
function endedByLeaving(session: Session): boolean {
  return [session.end_reason, session.shutdown_reason].some(
    (reason) => reason === 'tab_closed' || reason?.startsWith('participant_left_timeout'),
  );
}

/** What `/session/:id` should show, read as it is: nothing is ended or charged here. */
export async function readSessionView(
  services: Pick<Services, 'db' | 'sessions' | 'config'>,
  id: string | undefined,
): Promise<SessionRead> {
  try {
    const [db, gateway] = await Promise.all([services.db(), services.sessions()]);
    const session = id ? await db.getSession(id) : null;
    if (!session) return { phase: 'not_found' };
    // Read before the inspection forgets it: a closed tab whose call was then shut down (in mock mode
    // the simulator's callback may come before this page ends it) is still said to be one, once.
    const closedTab = session.status === 'ended' && readLeftNote(session.id) !== null && endedByLeaving(session);
    const open = await inspectOpenSession(session);
    switch (open.kind) {
      case 'to_end':
        return { phase: 'to_end', found: open, gateway };
      case 'other_tab':
        return { phase: 'other_tab', session: open.session, gateway };
      case 'running':
        return { phase: 'call', session: open.session, gateway };
      case 'starting':
        return { phase: 'starting', session: open.session, stale: open.stale, gateway };
      default:
        return closedTab
          ? { phase: 'summary', session, gateway, notice: { tone: 'info', text: NOTICES.ended_on_leave, saysWhy: true } }
          : { phase: 'summary', session, gateway };
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
  const queries = useQueryClient();
  // What the page shows without the last read: a reload's answer, the end of the call, an end elsewhere.
  // A summary stays; anything else gives way to a newer read (a start that finished, say).
  const [decided, setDecided] = useState<{ id: string | undefined; view: SessionRead; at: number } | null>(null);
  // Set while this tab ends the session itself, so its own change is not taken for an end elsewhere.
  const [endingFor, setEndingFor] = useState<string | null>(null);
  const endingHere = id !== undefined && endingFor === id;
  const readAt = queries.getQueryState(queryKeys.sessionView(id))?.dataUpdatedAt ?? 0;
  const own = decided && decided.id === id && (decided.view.phase === 'summary' || decided.at >= readAt) ? decided.view : undefined;
  const phaseNow = (own ?? queries.getQueryData<SessionRead>(queryKeys.sessionView(id)))?.phase;
  // A waiting page (starting, another tab, an error) is read again on every change; a call or a summary never re-resolves.
  const read = useQuery({
    queryKey: queryKeys.sessionView(id),
    queryFn: () => readSessionView(services, id),
    subscribed: phaseNow !== 'summary' && phaseNow !== 'call',
  });
  const base: SessionRead | undefined = own ?? read.data;
  const show = useCallback(
    (view: SessionRead) => setDecided({ id, view, at: queries.getQueryState(queryKeys.sessionView(id))?.dataUpdatedAt ?? 0 }),
    [id, queries],
  );

  // An orphan the read found is ended once, by this explicit step, then shown as its summary.
  const settledFor = useRef<string | null>(null);
  const settle = useMutation({
    mutationFn: async ({ found, gateway }: { found: SessionToEnd; gateway: SessionGateway }) => {
      const ended = await settleOpenSession(found, gateway);
      if (ended.kind === 'ended_on_leave' || ended.kind === 'ended_at_limit') {
        const notice: EndNotice = { tone: 'info', text: NOTICES[ended.kind], saysWhy: true };
        return { phase: 'summary', session: ended.session, gateway, notice } as const;
      }
      return { phase: 'summary', session: found.session, gateway } as const;
    },
    onSuccess: show,
    onError: (error) => show({ phase: 'error', error: explainError(error, services.config.tavus.mode) }),
  });
  const { mutate } = settle;
  const toEnd = base?.phase === 'to_end' ? base : null;
  useEffect(() => {
    if (!toEnd || settledFor.current === toEnd.found.session.id) return;
    settledFor.current = toEnd.found.session.id;
    mutate(toEnd);
  }, [toEnd, mutate]);

  // During the call only an end decided elsewhere matters: the session's row, read again on every change.
  const inCall = base?.phase === 'call' ? base : null;
  const record = useQuery({
    queryKey: queryKeys.session(id),
    queryFn: async () => (id ? (await services.db()).getSession(id).catch(() => null) : null),
    enabled: inCall !== null,
  });
  const row = inCall ? record.data : undefined;
  const shown: SessionRead | undefined =
    inCall && row && !endingHere && (row.status === 'ended' || row.status === 'failed')
      ? {
          phase: 'summary',
          session: row,
          gateway: inCall.gateway,
          notice: {
            tone: 'info',
            text: row.end_reason?.startsWith('partner_')
              ? 'Your partner ended the session, for both of you.'
              : 'This session was ended elsewhere (another tab, another device, or Tavus).',
          },
        }
      : base;

  const reload = useCallback(async () => {
    settledFor.current = null;
    show(await queries.fetchQuery({ queryKey: queryKeys.sessionView(id), queryFn: () => readSessionView(services, id), staleTime: 0 }));
  }, [queries, services, id, show]);

  const finish = useCallback(
    (session: Session, notice?: EndNotice) => {
      setDecided((current) => {
        const view = current && current.id === id ? current.view : read.data;
        return view && 'gateway' in view
          ? { id, view: { phase: 'summary', session, gateway: view.gateway, ...(notice ? { notice } : {}) }, at: 0 }
          : current;
      });
    },
    [id, read.data],
  );

  const markEnding = useCallback((ending: boolean) => setEndingFor(ending && id !== undefined ? id : null), [id]);

  const view: SessionView = !shown || shown.phase === 'to_end' ? { phase: 'loading' } : shown;
  return { view, reload, finish, markEnding };
}
