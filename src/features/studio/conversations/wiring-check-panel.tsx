import { useState } from 'react';
import { useServices } from '@/lib/services';
import { runWiringCheck, type WiringStep } from './wiring-check';

const STEP_NAMES: Record<WiringStep['step'], string> = {
  key: 'API key',
  persona: 'Persona',
  conversation: 'Test conversation',
  callbacks: 'Callbacks',
};

/** The studio's free wiring check: run on demand, its result in words, one line per step. */
export function WiringCheckPanel({ onDone }: { onDone?: () => void }) {
  const services = useServices();
  const [running, setRunning] = useState(false);
  const [steps, setSteps] = useState<WiringStep[] | null>(null);
  const { personaId, replicaId, mode } = services.config.tavus;
  const callbackUrl = 'callbackUrl' in services.config.tavus ? services.config.tavus.callbackUrl : undefined;

  const run = async () => {
    setRunning(true);
    setSteps(null);
    try {
      setSteps(await runWiringCheck(await services.tavus(), { personaId, replicaId, callbackUrl, mode }));
    } finally {
      setRunning(false);
      onDone?.(); // the test conversation is in the list now
    }
  };

  return (
    <section aria-labelledby="wiring-title" className="studio-wiring">
      <h3 id="wiring-title">Wiring check</h3>
      <p>
        Checks the key, the persona {personaId} and a conversation in Tavus&apos;s test mode: it is created and ends at once, the replica
        never joins, nothing is billed and no session is recorded.
      </p>
      <button type="button" className="secondary" disabled={running} onClick={() => void run()}>
        {running ? 'Checking…' : 'Run the free wiring check'}
      </button>
      {steps && (
        <ul aria-label="Wiring check result">
          {steps.map((step) => (
            <li key={step.step}>
              <strong>
                {STEP_NAMES[step.step]}: {step.ok ? 'ok' : 'not ok'}.
              </strong>{' '}
              {step.words}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
