import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad } from '../shared/use-load';
import { emptyFormValues, toFormValues, type PersonaBody } from './form-model';
import { PersonaForm } from './persona-form';
import { rowToBody, savePersona, type SyncOutcome } from './persona-sync';
import { PERSONA_TEMPLATES } from './persona-templates';
import { TemplatePicker } from './template-picker';
import { usePickerLists } from './use-picker-lists';
import { outcomeMessage } from './outcome-message';

/** `/studio/personas/new` (optionally `?template=coach`) and `/studio/personas/:id`. */
export function PersonaEditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const services = useServices();
  const navigate = useNavigate();
  const { lists, error: listsError } = usePickerLists();
  const [outcome, setOutcome] = useState<SyncOutcome | { kind: 'error'; error: unknown }>();

  const load = useCallback(async () => {
    if (!id) return { row: null, base: undefined, remoteError: undefined };
    const db = await services.db();
    const row = await db.getPersona(id);
    if (!row?.tavus_persona_id) return { row, base: undefined, remoteError: undefined };
    try {
      const remote = await (await services.tavus()).personas.get(row.tavus_persona_id);
      return { row, base: remote, remoteError: undefined };
    } catch (remoteError) {
      return { row, base: undefined, remoteError };
    }
  }, [id, services]);
  const { data, error, loading, reload } = useLoad(queryKeys.studio('persona', id ?? null), load);

  const deps = async () => ({ db: await services.db(), tavus: await services.tavus(), mode: services.config.tavus.mode });

  async function submit(body: PersonaBody) {
    setOutcome(undefined);
    try {
      const result = await savePersona(await deps(), data?.row?.id ?? null, body, data?.base);
      if (!id) {
        navigate('/studio/personas', { state: { notice: outcomeMessage(result), failed: result.kind === 'failed' } });
        return;
      }
      setOutcome(result);
      // the saved persona becomes the base of the next edit (the form remounts on the new updated_at)
      if (result.kind !== 'failed') reload();
    } catch (saveError) {
      setOutcome({ kind: 'error', error: saveError });
    }
  }

  const template = PERSONA_TEMPLATES.find((t) => t.key === search.get('template'));
  const heading = id ? `Edit ${data?.row?.persona_name ?? 'persona'}` : 'New persona';

  if (id && loading && !data) return <p aria-busy="true">Loading persona…</p>;
  if (id && error) return <ErrorAlert error={error} />;
  if (id && data && !data.row) {
    return (
      <div className="notice" role="alert">
        <p>This persona does not exist here (it may have been deleted).</p> <Link to="/studio/personas">Back to personas</Link>
      </div>
    );
  }
  const row = data?.row ?? null;
  const initialBody: PersonaBody | undefined = row ? (data?.base ?? rowToBody(row)) : template?.body;
  return (
    <section aria-labelledby="persona-editor-title">
      <p>
        <Link to="/studio/personas">← All personas</Link>
      </p>
      <h2 id="persona-editor-title">{heading}</h2>
      {row?.tavus_persona_id && (
        <p>
          Tavus persona <code>{row.tavus_persona_id}</code>
        </p>
      )}
      {data?.remoteError !== undefined && (
        <>
          <p>Could not load this persona from Tavus; the form shows the copy saved here.</p>
          <ErrorAlert error={data.remoteError} />
        </>
      )}
      {!id && <TemplatePicker current={template?.key} />}
      {listsError !== undefined && (
        <p className="studio-hint">
          Some Tavus lists (replicas, documents, objectives or guardrails) could not be loaded; their pickers may be empty.
        </p>
      )}
      <div role="status" aria-live="polite">
        {outcome && outcome.kind !== 'error' && outcome.kind !== 'failed' && <p className="notice">{outcomeMessage(outcome)}</p>}
      </div>
      {outcome?.kind === 'failed' && <p>{outcomeMessage(outcome)}</p>}
      {(outcome?.kind === 'failed' || outcome?.kind === 'error') && <ErrorAlert error={outcome.error} />}
      <PersonaForm
        key={`${template?.key ?? ''}:${row?.id ?? 'new'}:${row?.updated_at ?? ''}:${data?.base ? 'remote' : 'local'}`}
        initial={initialBody ? toFormValues(initialBody) : emptyFormValues()}
        base={data?.base}
        lists={lists}
        submitLabel={id ? 'Save changes' : 'Create persona'}
        onSubmit={submit}
      />
    </section>
  );
}
