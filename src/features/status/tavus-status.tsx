import { useEffect } from 'react';
import { useServices } from '@/app/services';
import { usePersonaStatus } from './persona-status-store';

const MODE_LABEL = { mock: 'Mock', direct: 'Live', proxy: 'Proxy' } as const;

/**
 * The persona check runs after the first paint (an effect), so a slow or failing Tavus never
 * delays the page; the mode is known at once from the settings.
 */
export function TavusStatus() {
  const services = useServices();
  const { personaId, replicaId, mode } = services.config.tavus;
  const state = usePersonaStatus();

  useEffect(() => {
    void usePersonaStatus.getState().verify(services);
  }, [services]);

  return (
    <div role="status" aria-label="Tavus status" className={`tavus-status tavus-status--${state.phase}`}>
      <span className={`badge badge--${mode}`}>{MODE_LABEL[mode]}</span>{' '}
      <span className="tavus-status__persona">
        {state.phase === 'verified' && state.personaName ? `${state.personaName} ` : ''}
        <code>{personaId}</code>
      </span>{' '}
      <span className="tavus-status__replica">
        replica <code>{state.replicaId ?? replicaId}</code>
      </span>{' '}
      <span className="tavus-status__result">
        {state.phase === 'checking' && 'checking persona…'}
        {state.phase === 'verified' && 'verified'}
        {state.phase === 'failed' && `not verified: ${state.error}`}
      </span>
    </div>
  );
}
