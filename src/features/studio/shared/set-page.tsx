import { useCallback, useState, type ReactNode } from 'react';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { PatchableResource, TavusClient } from '@/lib/tavus';
import { ConfirmButton } from './confirm-button';
import { ErrorAlert } from './error-alert';
import { diffSet } from './set-patch';
import { useLoad } from './use-load';

type Item = Record<string, unknown>;
/** What a set form submits: `data` items and, for guardrails, a `name`. */
export type SetPayload = { data: Item[] } & Item;

export interface SetFormProps<T> {
  initial?: T | undefined;
  submitLabel: string;
  onSubmit(payload: SetPayload): Promise<void>;
  onCancel?: () => void;
}

interface SetPageProps<T extends Item, C> {
  title: string;
  noun: string;
  idKey: string;
  resource(tavus: TavusClient): PatchableResource<T, C>;
  /** The form's payload as the create call takes it, checked by the client's own schema (its refusal, word for word). */
  toCreate(payload: SetPayload): C;
  nameOf(item: T): string;
  /** The set as the form would submit it untouched: what edits are diffed against. */
  asPayload(item: T): SetPayload;
  renderItem(item: T): ReactNode;
  renderForm(props: SetFormProps<T>): ReactNode;
}

/** Objectives and guardrails: sets of items, created whole and edited with a JSON Patch. */
export function SetPage<T extends Item, C>(props: SetPageProps<T, C>) {
  const services = useServices();
  const [editing, setEditing] = useState<string | 'new'>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const { resource, idKey, noun } = props;

  // A documented guardrails list item holds only its id and dates: its rules come from a get.
  const load = useCallback(
    async (signal: AbortSignal) => {
      const client = resource(await services.tavus());
      const items: T[] = [];
      for await (const item of client.list({ limit: 50 }, { signal })) items.push(item);
      return Promise.all(
        items.map((item) =>
          Array.isArray(item.data) ? item : client.get(String(item[idKey]), { signal }).then((full) => ({ ...item, ...full })),
        ),
      );
    },
    [services, resource, idKey],
  );
  const { data: items, error, loading, reload } = useLoad(queryKeys.studio('sets', idKey), load);

  async function run(work: (r: PatchableResource<T, C>) => Promise<string>) {
    setNotice(undefined);
    setActionError(undefined);
    try {
      setNotice(await work(resource(await services.tavus())));
      setEditing(undefined);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }

  const create = (payload: SetPayload) => run(async (r) => `Created ${noun} ${String((await r.create(props.toCreate(payload)))[idKey])}.`);
  const update = (item: T) => (payload: SetPayload) =>
    run(async (r) => {
      const ops = diffSet(props.asPayload(item), payload);
      if (ops.length === 0) return 'Nothing changed.';
      const result = await r.update(String(item[idKey]), ops);
      return result.changed
        ? `Saved ${props.nameOf(item)} (${ops.length} change${ops.length === 1 ? '' : 's'}).`
        : 'Nothing changed: Tavus already had these values.';
    });
  const remove = (item: T) => run(async (r) => (await r.delete(String(item[idKey])), `Deleted ${props.nameOf(item)}.`));

  return (
    <section aria-labelledby="set-title">
      <h2 id="set-title">{props.title}</h2>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {editing === 'new' ? (
        props.renderForm({ submitLabel: `Create ${noun}`, onSubmit: create, onCancel: () => setEditing(undefined) })
      ) : (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            New {noun}
          </button>
        </p>
      )}
      {loading && !items && <p aria-busy="true">Loading…</p>}
      {items?.length === 0 && <p>No {noun}s yet.</p>}
      {items?.map((item) => {
        const id = String(item[idKey]);
        return (
          <article key={id} className="studio-section" aria-labelledby={`set-${id}`}>
            <h3 id={`set-${id}`}>
              {props.nameOf(item)} <code>{id}</code>
            </h3>
            {editing === id
              ? props.renderForm({
                  initial: item,
                  submitLabel: 'Save changes',
                  onSubmit: update(item),
                  onCancel: () => setEditing(undefined),
                })
              : props.renderItem(item)}
            {editing !== id && (
              <p className="studio-toolbar">
                <button type="button" className="secondary" onClick={() => setEditing(id)} aria-label={`Edit ${props.nameOf(item)}`}>
                  Edit
                </button>
                <ConfirmButton
                  label={`Delete ${props.nameOf(item)}`}
                  question={`Delete ${noun} ${props.nameOf(item)} (${id}) in Tavus? Personas that use it lose it.`}
                  onConfirm={() => remove(item)}
                />
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
