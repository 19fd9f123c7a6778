import { useCallback, useState } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Document, TavusClient } from '@/lib/tavus';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad, usePoll } from '../shared/use-load';
import { DocumentCreateForm } from './document-create-form';
import { DocumentRow } from './document-row';

const SETTLED = new Set(['ready', 'error']);
export const DOCUMENT_POLL_MS = 4_000;

/** `/studio/documents`: the knowledge base; watched until every document is ready. */
export function DocumentsPage({ pollMs = DOCUMENT_POLL_MS }: { pollMs?: number }) {
  const services = useServices();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  const load = useCallback(
    async (signal: AbortSignal) => {
      const all: Document[] = [];
      for await (const d of (await services.tavus()).documents.list({ limit: 50, sort: 'descending' }, { signal })) all.push(d);
      return all;
    },
    [services],
  );
  const { data: documents, error, loading, reload } = useLoad(queryKeys.studio('documents'), load);
  const processing = (documents ?? []).some((d) => !SETTLED.has(d.status ?? 'ready'));
  usePoll(processing, pollMs, reload);

  const run = async (work: (tavus: TavusClient) => Promise<string>): Promise<boolean> => {
    setNotice(undefined);
    setActionError(undefined);
    try {
      setNotice(await work(await services.tavus()));
      return true;
    } catch (failure) {
      setActionError(failure);
      return false;
    } finally {
      reload();
    }
  };

  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {processing && <p className="studio-hint">Documents are being processed; this list refreshes until they are ready.</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {loading && !documents && <p aria-busy="true">Loading documents…</p>}
      {documents?.length === 0 && <p>No documents yet.</p>}
      {documents && documents.length > 0 && (
        <table aria-label="Documents">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Status</th>
              <th scope="col">Tags</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <DocumentRow
                key={d.document_id}
                document={d}
                onSave={(changes) =>
                  run(
                    async (t) => (
                      await t.documents.update(d.document_id, changes),
                      `Saved ${changes.document_name ?? d.document_name ?? d.document_id}.`
                    ),
                  )
                }
                onDelete={() => run(async (t) => (await t.documents.delete(d.document_id), `Deleted ${d.document_name ?? d.document_id}.`))}
                onRecrawl={() =>
                  run(async (t) => (await t.documents.recrawl(d.document_id), `Recrawl of ${d.document_name ?? d.document_id} started.`))
                }
              />
            ))}
          </tbody>
        </table>
      )}
      <DocumentCreateForm
        onSubmit={(doc) => run(async (t) => `Added ${(await t.documents.create(doc)).document_id}; it is processed in the background.`)}
      />
    </section>
  );
}
