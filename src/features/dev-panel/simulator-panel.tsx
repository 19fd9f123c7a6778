import { useState, type FormEvent } from 'react';
import { useServices } from '@/lib/services';
import type { Fault } from '@/lib/tavus/simulator';
import { describeFault, FAULT_CHOICES, toFault, type FaultForm } from './fault-form';

const EMPTY: FaultForm = { status: '', latencyMs: '', times: '', match: '' };

/**
 * Mock mode only: make the simulated Tavus slow or failing, to see how every screen copes.
 * Faults last for this tab until cleared (or for the next N requests).
 */
export function SimulatorPanel() {
  const services = useServices();
  const [form, setForm] = useState<FaultForm>(EMPTY);
  const [said, setSaid] = useState('No fault: the simulator answers like a healthy Tavus account.');
  const [error, setError] = useState<string | null>(null);

  async function run(action: (sim: Awaited<ReturnType<NonNullable<typeof services.simulator>>>) => string) {
    if (!services.simulator) return;
    try {
      setSaid(action(await services.simulator()));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const fault: Fault | string = toFault(form);
    if (typeof fault === 'string') return setError(fault);
    void run((sim) => {
      sim.faults.set(fault);
      return `Applied: ${describeFault(fault)}.`;
    });
  }

  const field = (key: keyof FaultForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <details className="dev-panel">
      <summary>Simulator controls</summary>
      <form onSubmit={apply} aria-describedby={error ? 'dev-panel-error' : undefined}>
        <label htmlFor="dev-fault">Answer with</label>
        <select id="dev-fault" {...field('status')}>
          {FAULT_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="dev-latency">Extra latency (ms)</label>
        <input id="dev-latency" inputMode="numeric" {...field('latencyMs')} />
        <label htmlFor="dev-times">Only the next N requests (empty: all)</label>
        <input id="dev-times" inputMode="numeric" {...field('times')} />
        <label htmlFor="dev-match">Only requests containing (e.g. POST /v2/conversations)</label>
        <input id="dev-match" {...field('match')} />
        <p className="dev-panel__actions">
          <button type="submit">Apply</button>{' '}
          <button type="button" className="secondary" onClick={() => void run((sim) => (sim.faults.clear(), 'Fault cleared.'))}>
            Clear fault
          </button>{' '}
          <button
            type="button"
            className="danger"
            onClick={() =>
              window.confirm('Reset the simulated Tavus account? Personas, conversations and documents made in mock mode are lost.') &&
              void run((sim) => (sim.reset(), 'Simulator reset to the seeded account.'))
            }
          >
            Reset simulator data
          </button>
        </p>
      </form>
      {error && (
        <p id="dev-panel-error" className="error-text" role="alert">
          {error}
        </p>
      )}
      <p aria-live="polite">{said}</p>
    </details>
  );
}
