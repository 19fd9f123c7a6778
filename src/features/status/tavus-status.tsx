import { useEffect } from 'react';
import { useServices } from '@/lib/services';
import { usePersonaStatus } from './persona-status-store';

const MODE_LABEL = { mock: 'Mock', direct: 'Live', proxy: 'Proxy' } as const;
const MODE_TITLE = {
  mock: 'Mock mode: the in-browser Tavus simulator, no real calls',
  direct: 'Live: this browser talks to Tavus with the API key (development only)',
  proxy: 'Proxy: Tavus is reached through the server, the key never reaches the browser',
} as const;

/**
 * The persona check runs after the first paint (an effect), so a slow or failing Tavus never
 * delays the page; the mode is known at once from the settings. A recent success is reused.
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
      <span className={`badge badge--${mode}`} title={MODE_TITLE[mode]}>
        {MODE_LABEL[mode]}
      </span>{' '}
      <span className="tavus-status__persona">
        persona {state.phase === 'verified' && state.personaName ? `${state.personaName} ` : ''}
        <code>{personaId}</code>
      </span>{' '}
      <span className="tavus-status__replica">
        replica <code>{state.replicaId ?? replicaId}</code>
      </span>{' '}
      <span className="tavus-status__result" data-error-kind={state.errorKind}>
        {(state.phase === 'idle' || state.phase === 'checking') && 'checking persona…'}
        {state.phase === 'verified' && 'verified'}
        {state.phase === 'failed' && `not verified: ${state.error}`}
      </span>
    </div>
  );
}
