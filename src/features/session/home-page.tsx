import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useServices } from '@/lib/services';
import type { SessionType, Usage } from '@/lib/db';
import { useHomeState } from './home/use-home-state';
import { useStartStore } from './home/start-store';
import { formatDate, formatDuration, minutesLeft } from './format';
import { alreadyOpenAdvice, homeIntro, PREPARING_TEXT, RESERVING_TEXT, SETTINGS_FAILED_TEXT } from './start-page-messages';
import { CallFrame } from './call-frame';
import './session.css';
import { MIN_SECONDS_TO_START, reflectOnProblem } from '@/lib/rules';
import type { SessionOptions } from '@/lib/sessions/types';
import { SessionOptionsFields } from './home/session-options-fields';
import { useSettings } from './home/use-settings';
import { DEFAULT_LANGUAGE } from '@/lib/tavus/language-label';

// What only some visits show loads when shown, not with every first page: the notice of an open
// (or just ended) session, the steps of a page that knows nothing yet, and the memory setting
// (shown once the user's settings are read from the database, after the first paint anyway).
const OpenSessionNotice = lazy(async () => ({ default: (await import('./home/open-session-notice')).OpenSessionNotice }));
const Preparing = lazy(async () => ({ default: (await import('./home/preparing')).Preparing }));
const MemorySetting = lazy(async () => ({ default: (await import('./home/memory-setting')).MemorySetting }));

function blockReason(usage: Usage): { text: string; link?: { to: string; label: string } } | null {
  if (usage.subscription.status !== 'active') {
    return {
      text: `Your subscription is ${usage.subscription.status}. Renew your plan to start sessions.`,
      link: { to: '/usage', label: 'See your plan' },
    };
  }
  if (usage.secondsLeft < MIN_SECONDS_TO_START) {
    return {
      text: `You have used all your minutes for this period. They renew on ${formatDate(usage.periodEnd)}; upgrade your plan for more.`,
      link: { to: '/usage', label: 'See your usage' },
    };
  }
  if (usage.soloSessionsLeftToday === 0) {
    return {
      text: `You have had today's session${usage.plan.solo_sessions_per_day === 1 ? '' : 's'} on the ${usage.plan.name} plan. Come back tomorrow (UTC), or upgrade your plan.`,
      link: { to: '/history', label: 'See your past sessions' },
    };
  }
  return null;
}

export function HomePage() {
  const services = useServices();
  const navigate = useNavigate();
  const { state, refresh } = useHomeState();
  const start = useStartStore();
  const [sessionType, setSessionType] = useState<SessionType>('reflect_alone');
  const [options, setOptions] = useState<SessionOptions>({});
  // The topic is the one option typed freely; the language and recording come from their own
  // controls. The start checks every option again before anything is reserved (sessionOptionsProblem).
  const optionsProblem = options.reflectOn === undefined ? null : reflectOnProblem(options.reflectOn);
  const userSettings = useSettings();
  const language = options.language ?? userSettings.settings?.language ?? DEFAULT_LANGUAGE;
  const togetherHelp = useId();
  const hostNameId = useId();
  const [hostName, setHostName] = useState('');

  // A failed start's message belongs to that visit of the page.
  useEffect(
    () => () => {
      if (useStartStore.getState().phase === 'failed') useStartStore.getState().clearError();
    },
    [],
  );

  // From the press until the call's own page takes over (or the start is refused).
  const [opening, setOpening] = useState(false);
  async function onStart() {
    setOpening(true);
    void import('./session-page').catch(() => undefined); // the call screen's code loads while the session starts
    const started = await start.start(services, sessionType, { ...options, language }, hostName);
    // The call's page reads the session; until it has, it keeps the call screen's frame (see session-page).
    if (started) return navigate(`/session/${started.session.id}`, { state: { startedHere: true } });
    setOpening(false);
    void refresh();
  }

  // The call screen comes at once, in its first state, while the session is reserved (the database
  // may still be starting) and the conversation created: only then does it have a call to show. A
  // refusal or a failure brings the start page back with its words; a failed start charges nothing.
  if (opening || start.phase === 'starting') return <CallFrame status={RESERVING_TEXT} />;
  if (state.phase === 'loading') {
    return (
      <section className="page" aria-labelledby="page-title" aria-busy="true">
        <h1 id="page-title">Reflect</h1>
        <Suspense fallback={<p>{PREPARING_TEXT}</p>}>
          <Preparing />
        </Suspense>
      </section>
    );
  }
  if (state.phase === 'error') {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">Reflect</h1>
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{state.error.title}</strong> {state.error.advice}
          </p>
          <button type="button" className="secondary" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      </section>
    );
  }

  const { usage, open } = state;
  const blocked = blockReason(usage);
  const busy = open.kind === 'running' || open.kind === 'other_tab' || open.kind === 'starting';
  const groupAllowed = usage.plan.group_sessions;
  const canStart = !blocked && !busy && !optionsProblem && (sessionType === 'reflect_alone' || groupAllowed);
  // A start refused for the open session says where that session is: one notice, not the refusal and the notice.
  const refusedFor = start.phase === 'failed' && start.error?.code === 'session_already_active' && busy ? open.kind : null;

  return (
    <section className="page home" aria-labelledby="page-title">
      <h1 id="page-title">Reflect</h1>
      <p>{homeIntro(formatDuration(Math.min(usage.plan.max_session_seconds, usage.secondsLeft)))}</p>

      {/* Busy while what this browser knew is being confirmed by the database. */}
      <dl className="home__plan" aria-busy={state.known || undefined}>
        <div>
          <dt>Minutes left</dt>
          <dd>
            <strong>{minutesLeft(usage.secondsLeft)}</strong> of {usage.subscription.minutesLimit} ({usage.plan.name} plan, renews{' '}
            {formatDate(usage.periodEnd)})
          </dd>
        </div>
        {usage.soloSessionsLeftToday !== null && (
          <div>
            <dt>Solo sessions left today</dt>
            <dd>{usage.soloSessionsLeftToday}</dd>
          </div>
        )}
      </dl>

      {!refusedFor && open.kind !== 'none' && (
        <Suspense fallback={null}>
          <OpenSessionNotice open={open} onChange={refresh} />
        </Suspense>
      )}

      {blocked && !busy && (
        <div className="notice notice--warning" role="note">
          <p>{blocked.text}</p>
          {blocked.link && <Link to={blocked.link.to}>{blocked.link.label}</Link>}
        </div>
      )}

      <form
        className="home__start"
        onSubmit={(event) => {
          event.preventDefault();
          if (canStart) void onStart();
        }}
      >
        <fieldset>
          <legend>Session type</legend>
          <label className="choice">
            <input
              type="radio"
              name="session-type"
              value="reflect_alone"
              checked={sessionType === 'reflect_alone'}
              onChange={() => setSessionType('reflect_alone')}
            />
            Reflect alone <span className="choice__hint">a one-to-one conversation with the replica</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="session-type"
              value="resolve_together"
              disabled={!groupAllowed}
              aria-describedby={groupAllowed ? undefined : togetherHelp}
              checked={sessionType === 'resolve_together'}
              onChange={() => setSessionType('resolve_together')}
            />
            Resolve together <span className="choice__hint">a guided conversation for two people</span>
          </label>
          {!groupAllowed && (
            <p id={togetherHelp} className="choice__why">
              Resolve together needs a plan with sessions together (Pro); the {usage.plan.name} plan has solo sessions only.
            </p>
          )}
          {sessionType === 'resolve_together' && (
            <p className="home__together">
              <label htmlFor={hostNameId}>Your name</label>{' '}
              <input
                id={hostNameId}
                value={hostName}
                required
                maxLength={60}
                autoComplete="given-name"
                aria-describedby={`${hostNameId}-hint`}
                onChange={(event) => setHostName(event.target.value)}
              />{' '}
              <span id={`${hostNameId}-hint`} className="choice__hint">
                the replica greets you by it; you get a link and a code to invite the other person
              </span>
            </p>
          )}
        </fieldset>
        <SessionOptionsFields
          value={options}
          onChange={setOptions}
          problem={optionsProblem}
          language={language}
          recordingOffered={services.config.tavus.recording !== undefined}
          onLanguage={(next) => {
            setOptions({ ...options, language: next });
            userSettings.setLanguage(next); // kept for the next sessions
          }}
        />
        {userSettings.error && (
          <p role="alert" className="error-text">
            {SETTINGS_FAILED_TEXT} {userSettings.error.title} {userSettings.error.advice}
          </p>
        )}
        <button type="submit" disabled={!canStart}>
          Start session
        </button>
      </form>

      {start.phase === 'failed' && start.error && (
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{start.error.title}</strong> {refusedFor ? alreadyOpenAdvice(refusedFor) : start.error.advice}
          </p>
          {start.error.code === 'session_already_active' && (open.kind === 'running' || open.kind === 'other_tab') && (
            <Link to={`/session/${open.session.id}`}>Return to the running session</Link>
          )}
        </div>
      )}

      {userSettings.settings && (
        <Suspense fallback={null}>
          <MemorySetting settings={userSettings.settings} saving={userSettings.saving} onChange={userSettings.setMemory} />
        </Suspense>
      )}
    </section>
  );
}
