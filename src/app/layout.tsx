import { NavLink, Outlet } from 'react-router';
import { lazy, Suspense, useEffect, useState } from 'react';
import { TavusStatus } from '@/features/status/tavus-status';
import { SignOutButton } from '@/features/auth/sign-out-button';
import { useServices } from '@/lib/services';

const SimulatorPanel = lazy(async () => ({ default: (await import('@/features/dev-panel/simulator-panel')).SimulatorPanel }));
const LocalDataPanel = lazy(async () => ({ default: (await import('@/features/dev-panel/local-data-panel')).LocalDataPanel }));

const NAV = [
  { to: '/', label: 'Reflect', end: true },
  { to: '/history', label: 'History' },
  { to: '/usage', label: 'Usage' },
  { to: '/studio/personas', label: 'Studio' },
];

export function Layout() {
  const services = useServices();
  const { config } = services;
  const [detailsOpen, setDetailsOpen] = useState(false);
  // The developer panels are no part of the first screen: their code loads once it is painted.
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setPainted(true), 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <NavLink to="/" className="brand" aria-label="AwakNow home">
          AwakNow
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* For developers and operators: which Tavus and which data this build uses, folded away.
            Folded, the details stay in the accessibility tree (visually hidden), so the status is
            still announced and found by its name. */}
        <div className="shell__details">
          <button
            type="button"
            className="shell__details-toggle"
            aria-expanded={detailsOpen}
            aria-controls="connection-details"
            aria-label="Connection details"
            onClick={() => setDetailsOpen((open) => !open)}
          >
            <svg aria-hidden="true" className="shell__details-icon" viewBox="0 0 20 20" width="18" height="18">
              <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <circle cx="10" cy="6.2" r="1.2" fill="currentColor" />
              <path d="M10 9v5.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
          <div id="connection-details" className={detailsOpen ? 'shell__details-body' : 'shell__details-folded'}>
            <TavusStatus />
            {config.data.mode === 'local' && (
              <p className="shell__details-data">
                {config.data.store === 'dev-server'
                  ? "Local data: sessions are kept in the dev server's database, shared by the browsers that open this app there."
                  : "Local data: sessions are kept in this browser's embedded database."}
              </p>
            )}
          </div>
        </div>
        <SignOutButton />
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
      {painted && (services.simulator || config.data.mode === 'local') && (
        <footer className="shell__footer">
          <Suspense fallback={null}>
            {services.simulator && <SimulatorPanel />}
            {config.data.mode === 'local' && <LocalDataPanel />}
          </Suspense>
        </footer>
      )}
    </div>
  );
}
