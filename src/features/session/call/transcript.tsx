import { useEffect, useRef } from 'react';
import { speakerOf, useCallStore } from './call-store';
import type { TranscriptLine } from './transcript-state';

export function TranscriptLines({
  lines,
  label,
  who = (line) => (line.role === 'user' ? 'You' : 'Replica'),
}: {
  lines: TranscriptLine[];
  label: string;
  who?: (line: TranscriptLine) => string;
}) {
  return (
    <ol className="transcript__lines" aria-label={label}>
      {lines.map((line) => (
        <li key={line.id} className={`transcript__line transcript__line--${line.role}${line.final ? '' : ' transcript__line--streaming'}`}>
          <span className="transcript__who">{who(line)}:</span> {line.text}
          {line.interrupted && (
            <>
              {' '}
              <span className="transcript__cut">(interrupted)</span>
              {line.unsaid && (
                <span className="transcript__unsaid">
                  {' '}
                  <span className="visually-hidden">Not said: </span>
                  {line.unsaid}
                </span>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The live transcript of the call and who is speaking, fed by the call's events. */
export function Transcript() {
  const lines = useCallStore((s) => s.lines);
  const replicaSpeaking = useCallStore((s) => s.replicaSpeaking);
  const userSpeaking = useCallStore((s) => s.userSpeaking);
  const other = useCallStore((s) => s.other);
  const sent = useCallStore((s) => s.sent);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [lines]);

  return (
    <section className="transcript" aria-labelledby="transcript-title">
      <h2 id="transcript-title">Transcript</h2>
      <p className="speaking" aria-label="Who is speaking">
        <span className={`speaking__who${replicaSpeaking ? ' speaking__who--on' : ''}`}>
          Replica {replicaSpeaking ? 'speaking' : 'listening'}
        </span>
        <span className={`speaking__who${userSpeaking ? ' speaking__who--on' : ''}`}>You {userSpeaking ? 'speaking' : 'quiet'}</span>
      </p>
      <div className="transcript__scroll" role="log" aria-live="polite" aria-label="Conversation so far" tabIndex={0}>
        {lines.length === 0 ? (
          <p className="transcript__empty">The conversation appears here as it happens.</p>
        ) : (
          <TranscriptLines lines={lines} label="Lines" who={(line) => speakerOf(line, other, sent)} />
        )}
        <div ref={end} />
      </div>
    </section>
  );
}
