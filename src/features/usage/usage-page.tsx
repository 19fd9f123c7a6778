import { Breakdown } from './breakdown';
import { DailyChart } from './daily-chart';
import { LoadError } from '@/components/load-error';
import { PlansCompare } from './plans-compare';
import { UsageMeter } from './usage-meter';
import { useUsageData } from './use-usage-data';
import './usage.css';

/** `/usage`: this period's minutes against the plan, per day, per persona and per session type. */
export function UsagePage() {
  const { loaded, current, reload } = useUsageData();

  return (
    <section className="page usage" aria-labelledby="page-title" aria-busy={!current || undefined}>
      <h1 id="page-title">Usage</h1>
      {body()}
    </section>
  );

  function body() {
    if (loaded === null || ('error' in loaded && !current)) {
      return <p role="status">Loading your usage…</p>;
    }
    if ('error' in loaded) return <LoadError error={loaded.error} what="your usage" here="/usage" onRetry={reload} />;
    const { usage, plans, report } = loaded.data;
    return (
      <>
        <UsageMeter usage={usage} />
        <DailyChart
          days={report.days}
          total={report.total.secondsUsed}
          periodStart={usage.subscription.periodStart}
          periodEnd={usage.subscription.periodEnd}
        />
        <Breakdown report={report} />
        <PlansCompare plans={plans} currentPlanId={usage.plan.id} />
      </>
    );
  }
}
