import { useId, type ReactNode } from 'react';
import { PersonaName } from '@/components/persona-name';
import type { UsageReport, UsageTally } from '@/lib/db';
import { minutes, percent, SESSION_TYPE_LABELS } from './format';

/** The period's sessions by persona and by session type, with how many started successfully. */
export function Breakdown({ report }: { report: UsageReport }) {
  const ids = useId();
  const { total } = report;
  const closed = total.sessionsEnded + total.sessionsFailed;

  return (
    <section aria-labelledby={`${ids}-heading`} className="usage-section">
      <h2 id={`${ids}-heading`}>Sessions this period</h2>
      {closed === 0 ? (
        <p>No session has ended or failed this period yet.</p>
      ) : (
        <>
          <p className="usage-success">
            Success rate <strong>{percent(total.successRate)}</strong>: {total.sessionsEnded} ended, {total.sessionsFailed} failed to start
            {total.sessionsFailed > 0 ? ' (failed starts are never charged)' : ''}.
          </p>
          <TallyTable
            caption="By persona"
            label="Persona"
            rows={report.byPersona.map((row) => ({
              key: row.personaId,
              name: <PersonaName id={row.personaId} name={row.personaName} />,
              tally: row,
            }))}
          />
          <TallyTable
            caption="By session type"
            label="Session type"
            rows={report.byType.map((row) => ({ key: row.sessionType, name: SESSION_TYPE_LABELS[row.sessionType], tally: row }))}
          />
        </>
      )}
    </section>
  );
}

function TallyTable({
  caption,
  label,
  rows,
}: {
  caption: string;
  label: string;
  rows: Array<{ key: string; name: ReactNode; tally: UsageTally }>;
}) {
  return (
    <table className="usage-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col">Minutes</th>
          <th scope="col">Ended</th>
          <th scope="col">Failed starts</th>
          <th scope="col">Success rate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, tally }) => (
          <tr key={key}>
            <th scope="row">{name}</th>
            <td>{minutes(tally.secondsUsed)}</td>
            <td>{tally.sessionsEnded}</td>
            <td>{tally.sessionsFailed}</td>
            <td>{percent(tally.successRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
