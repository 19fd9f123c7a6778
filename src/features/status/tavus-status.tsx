import { lazy, Suspense, useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { StatusView } from './status-view';

const CheckedTavusStatus = lazy(async () => ({ default: (await import('./checked-tavus-status')).CheckedTavusStatus }));

/**
 * The mode and ids are known at once from the settings and painted with the page. The persona
 * check, and its code (the Tavus client's check, its cache, the names it teaches other pages),
 * come after the first paint, so a slow or failing Tavus never delays the page and the first page
 * fetches none of it.
 */
export function TavusStatus() {
  const { personaId, replicaId, mode } = useServices().config.tavus;
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setPainted(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const pending = <StatusView mode={mode} personaId={personaId} replicaId={replicaId} check={{ phase: 'idle' }} />;
  return painted ? (
    <Suspense fallback={pending}>
      <CheckedTavusStatus />
    </Suspense>
  ) : (
    pending
  );
}
