import { useCallback, useState } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { TavusClient } from '@/lib/tavus';
import { ConfirmButton } from '../shared/confirm-button';
import { ErrorAlert } from '../shared/error-alert';
import { SelectField, options } from '../shared/field';
import { useLoad } from '../shared/use-load';
import { ConversationDetails } from './conversation-details';
import { WiringCheckPanel } from './wiring-check-panel';

const PAGE_SIZE = 20;

/** `/studio/conversations`: the account's conversations; end a running one, delete, inspect. */
export function ConversationsPage() {
  const services = useServices();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  const load = useCallback(
    async (signal: AbortSignal) =>
      (await services.tavus()).conversations.list(
        { limit: PAGE_SIZE, page, ...(status ? { status: status as 'active' | 'ended' } : {}) },
        { signal },
      ),
    [services, page, status],
  );
  const { data, error, loading, reload } = useLoad(queryKeys.studio('conversations', page, status || null), load);

  const run = async (work: (tavus: TavusClient) => Promise<string>) => {
    setNotice(undefined);
    setActionError(undefined);
    try {
      setNotice(await work(await services.tavus()));
    } catch (failure) {
      setActionError(failure);
    } finally {
      reload();
    }
  };

  const pages = data ? Math.max(1, Math.ceil(data.totalCount / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="conversations-title">
      <h2 id="conversations-title">Conversations</h2>
      <WiringCheckPanel onDone={reload} />
      <SelectField
        id="conversation-status"
        label="Show"
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={options('active', 'ended')}
        emptyLabel="All conversations"
      />
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {loading && !data && <p aria-busy="true">Loading conversations…</p>}
      {data?.data.length === 0 && <p>No conversations{status ? ` that are ${status}` : ''}.</p>}
      {data && data.data.length > 0 && (
        <table aria-label="Conversations">
          <thead>
            <tr>
              <th scope="col">Conversation</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((c) => {
              const label = c.conversation_name || c.conversation_id;
              return [
                <tr key={c.conversation_id}>
                  <th scope="row">
                    {label}
                    <br />
                    <code>{c.conversation_id}</code>
                  </th>
                  <td>
                    <span className="badge">{c.status ?? 'unknown'}</span>
                  </td>
                  <td>{c.created_at ? new Date(c.created_at).toLocaleString() : '—'}</td>
                  <td className="studio-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={open === c.conversation_id}
                      onClick={() => setOpen(open === c.conversation_id ? undefined : c.conversation_id)}
                      aria-label={`Details of ${label}`}
                    >
                      Details
                    </button>{' '}
                    {c.status === 'active' && (
                      <ConfirmButton
                        label={`End ${label}`}
                        confirmLabel="End conversation"
                        question={`End ${label} now? The participant leaves the call and billing stops.`}
                        onConfirm={() => run(async (t) => (await t.conversations.end(c.conversation_id), `Ended ${label}.`))}
                      />
                    )}{' '}
                    <ConfirmButton
                      label={`Delete ${label}`}
                      question={`Delete ${label} and its record in Tavus? This does not end a running call first.`}
                      onConfirm={() => run(async (t) => (await t.conversations.delete(c.conversation_id), `Deleted ${label}.`))}
                    />
                  </td>
                </tr>,
                open === c.conversation_id && (
                  <tr key={`${c.conversation_id}-details`}>
                    <td colSpan={4}>
                      <ConversationDetails conversationId={c.conversation_id} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label="Conversation pages" className="studio-toolbar">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous page
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
