import { useId } from 'react';
import type { Plan } from '@/lib/db';
import { minutes } from './format';

/** The plans side by side, and why the plan is not changed from here. */
export function PlansCompare({ plans, currentPlanId }: { plans: Plan[]; currentPlanId: string }) {
  const ids = useId();
  return (
    <section aria-labelledby={`${ids}-heading`} className="usage-section">
      <h2 id={`${ids}-heading`}>Plans</h2>
      <ul className="plans">
        {plans.map((plan) => {
          const current = plan.id === currentPlanId;
          return (
            <li
              key={plan.id}
              className={`plans__plan${current ? ' plans__plan--current' : ''}`}
              aria-current={current ? 'true' : undefined}
            >
              <h3>
                {plan.name} {current && <span className="badge">Your plan</span>}
              </h3>
              <dl>
                <div>
                  <dt>Minutes a month</dt>
                  <dd>{plan.monthly_minutes}</dd>
                </div>
                <div>
                  <dt>Longest session</dt>
                  <dd>{minutes(plan.max_session_seconds)} min</dd>
                </div>
                <div>
                  <dt>Solo sessions a day</dt>
                  <dd>{plan.solo_sessions_per_day ?? 'No limit'}</dd>
                </div>
                <div>
                  <dt>Sessions together</dt>
                  <dd>{plan.group_sessions ? 'Included' : 'Not included'}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
      <p>
        Plans are changed by billing on the server, never from this page: your limits live in the database, where only the server (with its
        service role) may change them, so nobody can raise their own minutes from a browser. To change plan, ask the operator of this
        AwakNow; the new limits show here as soon as billing has applied them.
      </p>
    </section>
  );
}
