import { useCallback } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad } from '../shared/use-load';

interface TranscriptLine {
  role?: unknown;
  content?: unknown;
}

/** One conversation with its verbose events: shutdown reason, transcript, perception analysis. */
export function ConversationDetails({ conversationId }: { conversationId: string }) {
  const services = useServices();
  const load = useCallback(
    async (signal: AbortSignal) => (await services.tavus()).conversations.get(conversationId, { verbose: true }, { signal }),
    [services, conversationId],
  );
  const { data, error, loading } = useLoad(queryKeys.studio('conversation', conversationId), load);
  if (error) return <ErrorAlert error={error} />;
  if (loading || !data) return <p aria-busy="true">Loading details…</p>;
  const events = data.events ?? [];
  return (
    <div className="studio-section" aria-label={`Details of ${conversationId}`} role="region">
      <dl>
        <dt>Room</dt>
        <dd>{data.conversation_url ? <code>{data.conversation_url}</code> : '—'}</dd>
        <dt>Persona and replica</dt>
        <dd>
          <code>{data.persona_id ?? '—'}</code> / <code>{data.replica_id ?? '—'}</code>
        </dd>
        <dt>Callback URL</dt>
        <dd>{data.callback_url ?? '—'}</dd>
      </dl>
      <h4>Events ({events.length})</h4>
      {events.length === 0 && <p>No events yet.</p>}
      <ol className="studio-events">
        {events.map((event, i) => {
          const transcript = event.properties?.transcript;
          return (
            <li key={i}>
              <strong>{event.event_type}</strong> {event.timestamp ? <time>{String(event.timestamp)}</time> : null}
              {Array.isArray(transcript) ? (
                <ul aria-label="Transcript">
                  {(transcript as TranscriptLine[]).map((line, j) => (
                    <li key={j}>
                      <strong>{String(line.role ?? '?')}:</strong> {String(line.content ?? '')}
                    </li>
                  ))}
                </ul>
              ) : (
                event.properties && Object.keys(event.properties).length > 0 && <pre>{JSON.stringify(event.properties, null, 2)}</pre>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
