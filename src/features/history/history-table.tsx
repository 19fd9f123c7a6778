import { describeSessionFailure } from '@/lib/sessions/words';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { SessionHistoryItem } from '@/lib/db';
import { describeEndReason, formatDateTime, formatDuration, formatMinutes, SESSION_TYPE_LABELS, STATUS_LABELS } from './format';
import { SessionDetails } from './session-details';
import { PersonaName } from '@/components/persona-name';

const COLUMNS = 7;

/** One page of sessions; a row opens in place to show its full record. */
export function HistoryTable({ rows, busy }: { rows: SessionHistoryItem[]; busy: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    // On a narrow screen the table scrolls sideways instead of wrapping every cell.
    <div className="table-scroll" role="region" aria-label="Your sessions" tabIndex={0}>
      <table className="history-table" aria-busy={busy || undefined}>
        <caption>Your sessions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Type</th>
            <th scope="col">Persona</th>
            <th scope="col">Duration</th>
            <th scope="col">Minutes charged</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const started = formatDateTime(row.started_at ?? row.created_at);
            const expanded = open.has(row.id);
            const detailsId = `session-details-${row.id}`;
            return (
              <Fragment key={row.id}>
                <tr className={`history-table__row history-table__row--${row.status}`}>
                  <th scope="row">
                    <Link to={`/session/${row.id}`}>{started}</Link>
                  </th>
                  <td>{SESSION_TYPE_LABELS[row.session_type]}</td>
                  <td className="history-table__persona">
                    <PersonaName id={row.persona_id} name={row.persona_name} />
                  </td>
                  <td>{row.duration_seconds === null ? '—' : formatDuration(row.duration_seconds)}</td>
                  <td>{formatMinutes(row.seconds_used)}</td>
                  <td>
                    <Status row={row} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary history-table__toggle"
                      aria-label={`Details of the session started ${started}`}
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      onClick={() => toggle(row.id)}
                    >
                      Details
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="history-table__details">
                    <td colSpan={COLUMNS} id={detailsId}>
                      <SessionDetails id={row.id} personaName={row.persona_name} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Status({ row }: { row: SessionHistoryItem }) {
  // the words only: the recorded text is in the row's details
  const why = row.status === 'failed' ? describeSessionFailure(row.error).words : describeEndReason(row.end_reason);
  return (
    <>
      <span className={`badge history-status history-status--${row.status}`}>{STATUS_LABELS[row.status]}</span>
      {why && <span className={`history-status__why${row.status === 'failed' ? ' error-text' : ''}`}>{why}</span>}
    </>
  );
}
