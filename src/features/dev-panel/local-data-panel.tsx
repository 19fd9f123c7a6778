import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import type { Plan } from '@/lib/db';

/**
 * Local data mode only: the embedded database is this browser's alone, so a developer may pick the
 * local user's plan (the Free plan allows one solo session a day) and start again from nothing.
 */
export function LocalDataPanel() {
  const services = useServices();
  const [plans, setPlans] = useState<Plan[]>([]);
  const [planId, setPlanId] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let gone = false;
    void services
      .db()
      .then(async (db) => {
        const [all, usage] = await Promise.all([db.plans(), db.usage()]);
        if (gone) return;
        setPlans(all);
        setPlanId(usage.plan.id);
      })
      .catch((failure: unknown) => !gone && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      gone = true;
    };
  }, [services]);

  async function run(work: () => Promise<string>) {
    setBusy(true);
    try {
      setSaid(await work());
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const applyPlan = () =>
    run(async () => {
      const db = await services.db();
      await db.local!.setPlan(planId);
      return `The local user is now on the ${plans.find((p) => p.id === planId)?.name ?? planId} plan.`;
    });

  const reset = () =>
    window.confirm(
      'Forget every local session, charge, persona and setting (memory starts a new store), and start the plan afresh? The simulated Tavus account is reset too.',
    ) &&
    void run(async () => {
      const db = await services.db();
      await db.local!.reset();
      if (services.simulator) (await services.simulator()).reset();
      return 'Local data reset: no sessions, no minutes used.';
    });

  return (
    <details className="dev-panel">
      <summary>Local data controls</summary>
      <p className="dev-panel__hint">
        {services.config.data.mode === 'local' && services.config.data.store === 'dev-server'
          ? "Sessions and usage live in the dev server's database, where this browser is one local user. "
          : "Sessions and usage live in this browser's embedded database. "}
        These controls exist only here, never with Supabase.
      </p>
      <label htmlFor="dev-plan">Plan of the local user</label>
      <select id="dev-plan" value={planId} disabled={plans.length === 0} onChange={(event) => setPlanId(event.target.value)}>
        {plans.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name} ({plan.monthly_minutes} minutes a month)
          </option>
        ))}
      </select>
      <p className="dev-panel__actions">
        <button type="button" disabled={busy || !planId} onClick={() => void applyPlan()}>
          Use this plan
        </button>{' '}
        <button type="button" className="danger" disabled={busy} onClick={reset}>
          Reset local data
        </button>
      </p>
      {said && <p role="status">{said}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
