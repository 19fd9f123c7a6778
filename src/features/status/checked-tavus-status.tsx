import { useEffect } from 'react';
import { useServices } from '@/lib/services';
import { usePersonaStatus } from './persona-status-store';
import { StatusView } from './status-view';

/** The status with the persona check: it runs once mounted; a recent success is reused. */
export function CheckedTavusStatus() {
  const services = useServices();
  const { personaId, replicaId, mode } = services.config.tavus;
  const check = usePersonaStatus();

  useEffect(() => {
    void usePersonaStatus.getState().verify(services);
  }, [services]);

  return <StatusView mode={mode} personaId={personaId} replicaId={replicaId} check={check} />;
}
