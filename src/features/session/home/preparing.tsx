import { useEffect, useState } from 'react';
import { useServices } from '@/lib/services';
import { PREPARING_TEXT } from '../start-page-messages';

/**
 * The start page before it knows the plan: what is being prepared, step by step, with a progress
 * bar, instead of a bare "loading". The database step is the long one on a first visit in local
 * mode (the embedded Postgres is downloaded and set up in this browser).
 */
export function Preparing() {
  const services = useServices();
  const { data } = services.config;
  const local = data.mode === 'local';
  // VITE_LOCAL_DATA=dev-server: the database is the dev server's, and no browser sets one up
  const onDevServer = data.mode === 'local' && data.store === 'dev-server';
  const [dbReady, setDbReady] = useState(false);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    let gone = false;
    services.db().then(
      () => !gone && setDbReady(true),
      () => undefined, // the page shows the failure itself
    );
    const timer = setTimeout(() => !gone && setSlow(true), 4000);
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, [services]);

  const steps = [
    {
      label: onDevServer
        ? "Reaching the dev server's database"
        : local
          ? 'Opening the database in this browser'
          : 'Connecting to your account',
      done: dbReady,
    },
    { label: 'Loading your plan…', done: false },
  ];
  return (
    <div className="preparing">
      <p>{PREPARING_TEXT}</p>
      <ol className="preparing__steps">
        {steps.map((step) => (
          <li key={step.label} className={step.done ? 'preparing__step--done' : undefined}>
            {step.label}
            {step.done && <span className="visually-hidden"> (done)</span>}
          </li>
        ))}
      </ol>
      <progress
        className="preparing__bar"
        max={steps.length}
        value={steps.filter((s) => s.done).length + 0.5}
        aria-label="Preparing the start page"
      />
      {slow && local && !onDevServer && !dbReady && (
        <p className="preparing__note">The first visit sets the database up in this browser; later visits open it at once.</p>
      )}
    </div>
  );
}
