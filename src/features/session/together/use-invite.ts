import { useCallback, useEffect, useRef, useState } from 'react';
import type { Invite, InviteStore, Session } from '@/lib/db';
import { DbError } from '@/lib/db';
import { useServices } from '@/lib/services';
import { useCallStore } from '../call/call-store';
import type { CallChannel } from '../call/events';
import { tellPartnerOnce } from './tell-partner';

/** How often a page in a session together looks again: the other person may be on another device. */
export const TOGETHER_POLL_MS = 3_000;

/** The invite store of the app's database; DbError when the database has none. */
export async function inviteStore(db: { invites?: InviteStore | undefined }): Promise<InviteStore> {
  if (!db.invites) throw new DbError('db_error', 'This database has no sessions together.');
  return db.invites;
}

/**
 * Follows something of a session together: read now, again on every change the database reports
 * (this browser's tabs at once) and every few seconds while `poll` and until `settled` says the
 * value will not change any more (changes made on another device).
 */
export function useFollow<T>(
  read: () => Promise<T>,
  poll: boolean,
  settled: (value: T | undefined) => boolean = () => false,
): { value: T | undefined; error: unknown; reload: () => void } {
  const services = useServices();
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const last = useRef<{ value: T | undefined; settled: typeof settled }>({ value: undefined, settled });
  useEffect(() => {
    last.current = { value, settled };
  });

  useEffect(() => {
    let live = true;
    read().then(
      (next) => {
        if (live) {
          setValue(next);
          setError(null);
        }
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [read, tick]);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let live = true;
    void services.db().then((db) => {
      if (live) unsubscribe = db.subscribe(reload);
    });
    const timer = poll
      ? setInterval(() => {
          if (!last.current.settled(last.current.value)) reload();
        }, TOGETHER_POLL_MS)
      : undefined;
    return () => {
      live = false;
      unsubscribe?.();
      clearInterval(timer);
    };
  }, [services, reload, poll]);

  return { value, error, reload };
}

/**
 * The host's call in a session together: follows the invite, and when the partner joins, tells the
 * call (the replica hears who is there) and the transcript (whose answers are whose). Does nothing
 * for a solo session. `loaded`: the invite has been read (null or not), so the host's name is known if any.
 */
export function useTogetherHost(session: Session, channel: CallChannel | null) {
  const together = session.session_type === 'resolve_together';
  const services = useServices();
  const read = useCallback(
    async (): Promise<Invite | null> => (together ? (await inviteStore(await services.db())).hostInvite(session.id) : null),
    [services, session.id, together],
  );
  const followed = useFollow(read, together, (value) => Boolean(value?.partner_name));
  const invite = followed.value ?? null;
  const partner = invite?.partner_name ?? null;
  const hostName = invite?.host_name;

  useEffect(() => {
    if (!partner || !hostName || !channel) return;
    useCallStore.getState().setOther(partner);
    // once per arrival: when the replica can hear it, and not again after a reload
    return tellPartnerOnce(channel, session.id, { hostName, partnerName: partner });
  }, [partner, hostName, channel, session.id]);

  return { together, invite, loaded: !together || followed.value !== undefined || followed.error !== null, reload: followed.reload };
}
