import { useId } from 'react';
import { SessionFailure } from '@/components/session-failure';
import { PersonaName } from '@/components/persona-name';
import type { Session } from '@/lib/db';
import { CopyButton } from './copy-button';
import { describeEndReason, durationOf, formatDateTime, formatDuration, formatMinutes, SESSION_TYPE_LABELS, STATUS_LABELS } from './format';
import { transcriptLines, transcriptText } from './transcript';
import './history.css';

export interface SessionRecordProps {
  session: Session;
  /** The studio's name for the persona, when known. */
  personaName?: string | null;
  /** The level of the record's section headings (2 on a page of its own, 3 inside a list). */
  headingLevel?: 2 | 3;
}

/**
 * Everything stored about one session: its figures from server timestamps, and what Tavus's
 * callbacks brought afterwards (transcript, recording, perception analysis) once they have arrived.
 */
export function SessionRecord({ session, personaName, headingLevel = 2 }: SessionRecordProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const ids = useId();
  const duration = durationOf(session);
  const failed = session.status === 'failed';
  const open = session.status === 'starting' || session.status === 'active';

  return (
    <div className="session-record">
      <dl className="session-record__figures">
        <Figure term="Type">{SESSION_TYPE_LABELS[session.session_type]}</Figure>
        <Figure term="Persona">
          <PersonaName id={session.persona_id} name={personaName} />
        </Figure>
        <Figure term="Status">{STATUS_LABELS[session.status]}</Figure>
        <Figure term="Started">{formatDateTime(session.started_at ?? session.created_at)}</Figure>
        <Figure term="Ended">{formatDateTime(session.ended_at)}</Figure>
        <Figure term="Duration">{duration === null ? (open ? 'Still open' : 'Did not start') : formatDuration(duration)}</Figure>
        <Figure term="Minutes charged">
          {formatMinutes(session.seconds_used)} ({formatDuration(session.seconds_used)})
        </Figure>
        {session.end_reason && <Figure term="End reason">{describeEndReason(session.end_reason)}</Figure>}
        {session.shutdown_reason && session.shutdown_reason !== session.end_reason && (
          <Figure term="Reported by Tavus">{describeEndReason(session.shutdown_reason)}</Figure>
        )}
        <Figure term="Tavus persona id">
          <code>{session.persona_id}</code>
        </Figure>
        {failed && (
          <Figure term="Error">
            <SessionFailure error={session.error} />
          </Figure>
        )}
      </dl>

      <section aria-labelledby={`${ids}-transcript`}>
        <Heading id={`${ids}-transcript`}>Transcript</Heading>
        <Transcript session={session} />
      </section>

      {session.recording != null && (
        <section aria-labelledby={`${ids}-recording`}>
          <Heading id={`${ids}-recording`}>Recording</Heading>
          <Recording value={session.recording} />
        </section>
      )}

      {session.perception_analysis != null && (
        <section aria-labelledby={`${ids}-perception`}>
          <Heading id={`${ids}-perception`}>Perception analysis</Heading>
          <Analysis value={session.perception_analysis} />
        </section>
      )}
    </div>
  );
}

function Figure({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Transcript({ session }: { session: Session }) {
  const lines = transcriptLines(session.transcript);
  if (lines === null) {
    if (session.status === 'failed' || session.started_at === null) return <p>No transcript: the call never started.</p>;
    if (session.status !== 'ended') return <p>The transcript arrives after the call ends.</p>;
    return <p>The transcript has not arrived yet. Tavus sends it shortly after the call; reload this page in a minute.</p>;
  }
  if (lines.length === 0) return <p>The transcript holds nothing that was said.</p>;
  return (
    <>
      <ol className="transcript-lines" aria-label="What was said">
        {lines.map((line, index) => (
          <li key={index} className={`transcript-lines__line transcript-lines__line--${line.speaker === 'You' ? 'user' : 'replica'}`}>
            <strong>{line.speaker}:</strong> {line.text}
          </li>
        ))}
      </ol>
      <CopyButton text={transcriptText(lines)} label="Copy transcript" what="Transcript" />
    </>
  );
}

function Recording({ value }: { value: unknown }) {
  const { bucket_name, s3_key, duration } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const known = typeof s3_key === 'string' || typeof duration === 'number';
  if (!known) return <pre className="session-record__raw">{JSON.stringify(value, null, 2)}</pre>;
  return (
    <dl className="session-record__figures">
      {typeof duration === 'number' && <Figure term="Length">{formatDuration(duration)}</Figure>}
      {typeof s3_key === 'string' && (
        <Figure term="Stored at">
          <code>{typeof bucket_name === 'string' ? `s3://${bucket_name}/${s3_key}` : s3_key}</code>
        </Figure>
      )}
    </dl>
  );
}

function Analysis({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <div className="session-record__analysis">
        {value.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    );
  }
  return <pre className="session-record__raw">{JSON.stringify(value, null, 2)}</pre>;
}
