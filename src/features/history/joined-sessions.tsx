import { useEffect, useState } from 'react';
import type { JoinedSession } from '@/lib/db';
import { useServices } from '@/lib/services';
import { durationOf, formatDateTime, formatDuration, STATUS_LABELS } from './format';

/**
 * The sessions together the user joined as someone's partner: theirs to remember, not theirs to
 * pay for, so without minutes (and without the host's transcript or recording). Nothing when none.
 */
export function JoinedSessions() {
  const services = useServices();
  const [rows, setRows] = useState<JoinedSession[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void services
      .db()
      .then((db) => db.invites?.joinedSessions() ?? [])
      .then(
        (joined) => live && setRows(joined),
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, [services]);

  if (failed) return <p className="error-text">The sessions you joined could not be loaded. Reload the page to try again.</p>;
  if (!rows || rows.length === 0) return null;
  return (
    <div className="table-scroll" role="region" aria-label="Sessions you joined" tabIndex={0}>
      <table className="history-table">
        <caption>Sessions together you joined, newest first (charged to the person who invited you)</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">With</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const seconds = durationOf(row);
            return (
              <tr key={row.id}>
                <td>{formatDateTime(row.started_at ?? row.created_at)}</td>
                <td>{row.host_name}</td>
                <td>{seconds === null ? '—' : formatDuration(seconds)}</td>
                <td>{STATUS_LABELS[row.status]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
