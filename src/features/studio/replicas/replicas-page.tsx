import { useCallback, useState } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import { isUnknownId, type Replica, type TavusClient } from '@/lib/tavus';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad, usePoll } from '../shared/use-load';
import { ReplicaCreateForm } from './replica-create-form';
import { ReplicaRow } from './replica-row';
import { REPLICA_POLL_MS } from './training';

/** Deletes in Tavus; one Tavus already lost (documented: 400 `Invalid replica_id`) is gone all the same. */
async function deleteReplica(tavus: TavusClient, replica: Replica): Promise<string> {
  const name = replica.replica_name ?? replica.replica_id;
  try {
    await tavus.replicas.delete(replica.replica_id);
  } catch (error) {
    if (!isUnknownId(error, 'replica_id')) throw error;
    return `${name} was already gone in Tavus.`;
  }
  return `Deleted ${name}.`;
}

/** `/studio/replicas`: the account's replicas; the list refreshes itself while one trains. */
export function ReplicasPage({ pollMs = REPLICA_POLL_MS }: { pollMs?: number }) {
  const services = useServices();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  const load = useCallback(
    async (signal: AbortSignal) => {
      const all: Replica[] = [];
      for await (const replica of (await services.tavus()).replicas.list({ limit: 50 }, { signal })) all.push(replica);
      return all;
    },
    [services],
  );
  const { data: replicas, error, loading, reload } = useLoad(queryKeys.studio('replicas'), load);
  const training = (replicas ?? []).some((r) => r.status === 'started');
  usePoll(training, pollMs, reload);

  async function run(work: (tavus: TavusClient) => Promise<string>) {
    setNotice(undefined);
    setActionError(undefined);
    try {
      setNotice(await work(await services.tavus()));
    } catch (failure) {
      setActionError(failure);
      throw failure;
    } finally {
      reload();
    }
  }
  // the error is on screen already; the caller only needs to know whether to keep its form open
  const succeeded = (promise: Promise<unknown>) =>
    promise.then(
      () => true,
      () => false,
    );

  return (
    <section aria-labelledby="replicas-title">
      <h2 id="replicas-title">Replicas</h2>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {training && <p className="studio-hint">A replica is training; this list refreshes every {Math.round(pollMs / 1000)} seconds.</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {loading && !replicas && <p aria-busy="true">Loading replicas…</p>}
      {replicas?.length === 0 && <p>No replicas yet.</p>}
      {replicas && replicas.length > 0 && (
        <table aria-label="Replicas">
          <thead>
            <tr>
              <th scope="col">Thumbnail</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Training</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {replicas.map((r) => (
              <ReplicaRow
                key={r.replica_id}
                replica={r}
                onRename={(name) => succeeded(run(async (t) => (await t.replicas.rename(r.replica_id, name), `Renamed to ${name}.`)))}
                onDelete={() => succeeded(run((t) => deleteReplica(t, r)))}
              />
            ))}
          </tbody>
        </table>
      )}
      <ReplicaCreateForm
        onSubmit={(replica) => succeeded(run(async (t) => `Training started for ${(await t.replicas.create(replica)).replica_id}.`))}
      />
    </section>
  );
}
