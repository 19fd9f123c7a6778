import { useId } from 'react';
import type { UsageDay } from '@/lib/db';
import { daysOfPeriod, lastDayOf, minutes, utcDate } from './format';

/**
 * Minutes per UTC day of the period as CSS bars, with the same figures as a table. The bars are
 * one image to assistive technology (its name sums them up); the table carries the detail.
 */
export function DailyChart({
  days,
  total,
  periodStart,
  periodEnd,
}: {
  days: UsageDay[];
  total: number;
  periodStart: string;
  periodEnd: string;
}) {
  const ids = useId();
  const byDate = new Map(days.map((day) => [day.date, day]));
  const period = daysOfPeriod(periodStart, periodEnd);
  const most = Math.max(0, ...days.map((day) => day.secondsUsed));
  const busiest = days.find((day) => day.secondsUsed === most);
  const summary =
    days.length === 0
      ? `Minutes per day from ${utcDate(periodStart)} to ${utcDate(lastDayOf(periodEnd))}: none used yet.`
      : `Minutes per day from ${utcDate(periodStart)} to ${utcDate(lastDayOf(periodEnd))}: ${minutes(total)} minutes over ${days.length} day${days.length === 1 ? '' : 's'}, the most ${minutes(most)} minutes on ${utcDate(busiest!.date)}.`;

  return (
    <section aria-labelledby={`${ids}-heading`} className="usage-section">
      <h2 id={`${ids}-heading`}>Minutes per day</h2>
      <div className="daily-chart">
        <div className="daily-chart__plot" role="img" aria-label={summary}>
          <span className="daily-chart__scale" aria-hidden="true">
            {most > 0 ? `${minutes(most)} min` : ''}
          </span>
          <div className="daily-chart__bars">
            {period.map((date) => {
              const seconds = byDate.get(date)?.secondsUsed ?? 0;
              return (
                <div
                  key={date}
                  className="daily-chart__bar"
                  data-date={date}
                  data-seconds={seconds}
                  title={`${utcDate(date, 'short')}: ${minutes(seconds)} min`}
                  style={{ height: `${most === 0 ? 0 : Math.max((seconds / most) * 100, seconds > 0 ? 2 : 0).toFixed(1)}%` }}
                />
              );
            })}
          </div>
          <div className="daily-chart__axis" aria-hidden="true">
            <span>{period[0] ? utcDate(period[0], 'short') : ''}</span>
            <span>{period.length ? utcDate(period[period.length - 1]!, 'short') : ''}</span>
          </div>
        </div>
      </div>
      {days.length === 0 ? (
        <p>No minutes used yet this period.</p>
      ) : (
        <table className="usage-table">
          <caption>Minutes per day (UTC), days with sessions</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Sessions</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{utcDate(day.date)}</th>
                <td>{day.sessions}</td>
                <td>{minutes(day.secondsUsed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
