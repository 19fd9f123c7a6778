import { useId } from 'react';
import type { Usage } from '@/lib/db';
import { lastDayOf, minutes, minutesLeft, utcDate } from './format';

/** This period's minutes against the plan's limit, and what the plan allows. */
export function UsageMeter({ usage }: { usage: Usage }) {
  const label = useId();
  const { plan, subscription } = usage;
  const limit = usage.secondsLimit;
  const used = Math.min(usage.secondsUsed, limit);
  const share = limit === 0 ? 1 : used / limit;
  const valueText = `${minutes(usage.secondsUsed)} of ${subscription.minutesLimit} minutes used (${Math.round(share * 100)}%)`;

  return (
    <section aria-labelledby={`${label}-heading`} className="usage-section">
      <h2 id={`${label}-heading`}>This period</h2>
      <p id={label} className="usage-meter__label">
        Minutes used, {utcDate(subscription.periodStart)} to {utcDate(lastDayOf(subscription.periodEnd))} (UTC)
      </p>
      <div
        className={`usage-meter${share >= 0.9 ? ' usage-meter--high' : ''}`}
        role="progressbar"
        aria-labelledby={label}
        aria-valuemin={0}
        aria-valuemax={subscription.minutesLimit}
        aria-valuenow={Number(minutes(used))}
        aria-valuetext={valueText}
      >
        <div className="usage-meter__fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <p className="usage-meter__figures">
        <strong>{minutes(usage.secondsUsed)}</strong> of {subscription.minutesLimit} minutes used ·{' '}
        <strong>{minutesLeft(usage.secondsLeft)}</strong> minutes left · the period ends on {utcDate(lastDayOf(subscription.periodEnd))};
        your minutes renew on {utcDate(subscription.periodEnd)}.
      </p>
      {subscription.status !== 'active' && (
        <p className="notice notice--warning" role="note">
          Your subscription is {subscription.status}: no session can start until it is active again.
        </p>
      )}
      <dl className="usage-plan" aria-label={`What the ${plan.name} plan allows`}>
        <div>
          <dt>Plan</dt>
          <dd>{plan.name}</dd>
        </div>
        <div>
          <dt>Minutes a month</dt>
          <dd>{subscription.minutesLimit}</dd>
        </div>
        <div>
          <dt>Longest session</dt>
          <dd>{minutes(plan.max_session_seconds)} minutes</dd>
        </div>
        <div>
          <dt>Solo sessions a day</dt>
          <dd>
            {plan.solo_sessions_per_day === null
              ? 'No daily limit'
              : `${plan.solo_sessions_per_day} (${usage.soloSessionsLeftToday ?? 0} left today, UTC)`}
          </dd>
        </div>
        <div>
          <dt>Sessions together</dt>
          <dd>{plan.group_sessions ? 'Included' : 'Not included'}</dd>
        </div>
      </dl>
    </section>
  );
}
