import type { TavusMode } from '@/config';
import type { CheckFailureKind } from './persona-check';

const MODE_LABEL = { mock: 'Mock', direct: 'Live', proxy: 'Proxy' } as const;
const MODE_TITLE = {
  mock: 'Mock mode: the in-browser Tavus simulator, no real calls',
  direct: 'Live: this browser talks to Tavus with the API key (development only)',
  proxy: 'Proxy: Tavus is reached through the server, the key never reaches the browser',
} as const;

/** What the persona check has found so far (`idle` before it ran). */
export interface CheckShown {
  phase: 'idle' | 'checking' | 'verified' | 'failed';
  personaName?: string | undefined;
  replicaId?: string | undefined;
  error?: string | undefined;
  errorKind?: CheckFailureKind | undefined;
}

/** The mode and the ids from the settings, and what the persona check found. */
export function StatusView({
  mode,
  personaId,
  replicaId,
  check,
}: {
  mode: TavusMode;
  personaId: string;
  replicaId: string;
  check: CheckShown;
}) {
  return (
    <div role="status" aria-label="Tavus status" className={`tavus-status tavus-status--${check.phase}`}>
      <span className={`badge badge--${mode}`} title={MODE_TITLE[mode]}>
        {MODE_LABEL[mode]}
      </span>{' '}
      <span className="tavus-status__persona">
        persona {check.phase === 'verified' && check.personaName ? `${check.personaName} ` : ''}
        <code>{personaId}</code>
      </span>{' '}
      <span className="tavus-status__replica">
        replica <code>{check.replicaId ?? replicaId}</code>
      </span>{' '}
      <span className="tavus-status__result" data-error-kind={check.errorKind}>
        {(check.phase === 'idle' || check.phase === 'checking') && 'checking persona…'}
        {check.phase === 'verified' && 'verified'}
        {check.phase === 'failed' && `not verified: ${check.error}`}
      </span>
    </div>
  );
}
