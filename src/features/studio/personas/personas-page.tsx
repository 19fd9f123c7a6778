import { useCallback, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useServices } from '@/lib/services';
import { queryKeys } from '@/lib/server-state';
import type { Persona } from '@/lib/db';
import { errorSentence } from '../shared/describe-error';
import { ErrorAlert } from '../shared/error-alert';
import { useLoad } from '../shared/use-load';
import { JourneyChoice } from './journey-choice';
import { outcomeMessage } from './outcome-message';
import { deletePersona, importFromTavus, importPersona, syncPersona } from './persona-sync';
import { SETTINGS_PERSONA_WORDS, settingsPersonaToShow } from './settings-persona';
import { usePersonaNames } from '@/stores/persona-names-store';
import { PersonaTable } from './persona-table';

type Notice = { text: string; failed?: boolean } | undefined;

export function matchesSearch(persona: Persona, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [persona.persona_name, persona.tavus_persona_id, persona.default_replica_id].some((v) => v?.toLowerCase().includes(q));
}

/** `/studio/personas`: the personas saved here, each linked (or waiting to be) to Tavus. */
export function PersonasPage() {
  const services = useServices();
  const location = useLocation();
  const arrived = location.state as { notice?: string; failed?: boolean } | null;
  const [notice, setNotice] = useState<Notice>(arrived?.notice ? { text: arrived.notice, failed: arrived.failed } : undefined);
  const [actionError, setActionError] = useState<unknown>();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState<string>();
  const learnt = usePersonaNames((state) => state.names);

  const load = useCallback(async () => (await services.db()).listPersonas(), [services]);
  const { data: personas, error, loading, reload } = useLoad(queryKeys.studio('personas'), load);
  const deps = async () => ({ db: await services.db(), tavus: await services.tavus(), mode: services.config.tavus.mode });

  async function act(key: string, run: () => Promise<Notice>) {
    setBusy(key);
    setActionError(undefined);
    setNotice(undefined);
    try {
      setNotice(await run());
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(undefined);
      reload();
    }
  }

  const runImport = () =>
    act('import', async () => {
      const { added, alreadyLinked, failed } = await importFromTavus(await deps());
      const linked = alreadyLinked ? ` ${alreadyLinked} already linked.` : '';
      const refused = failed.length ? ` Not imported: ${failed.map((f) => `${f.personaId} (${errorSentence(f.error)})`).join('; ')}.` : '';
      const text = added.length
        ? `Imported ${added.length} persona${added.length === 1 ? '' : 's'} from Tavus.${linked}`
        : `Nothing new to import.${linked}`;
      return { text: text + refused, failed: failed.length > 0 };
    });
  const fromSettings = settingsPersonaToShow(personas, services.config.tavus, learnt);
  const importSettings = () =>
    act('import-settings', async () => {
      const row = await importPersona(await deps(), services.config.tavus.personaId);
      return { text: SETTINGS_PERSONA_WORDS.imported(row.persona_name) };
    });
  const retry = (persona: Persona) =>
    act(`retry:${persona.id}`, async () => {
      const result = await syncPersona(await deps(), persona);
      if (result.kind === 'failed') throw result.error;
      return { text: outcomeMessage(result) };
    });
  const remove = (persona: Persona) =>
    act(`delete:${persona.id}`, async () => {
      await deletePersona(await deps(), persona);
      return { text: `Deleted “${persona.persona_name}”${persona.tavus_persona_id ? ' here and in Tavus' : ''}.` };
    });

  const shown = (personas ?? []).filter((p) => matchesSearch(p, query));
  const settingsShown =
    fromSettings && [fromSettings.name, fromSettings.personaId].some((v) => v.toLowerCase().includes(query.trim().toLowerCase()));
  return (
    <section aria-labelledby="personas-title">
      <h2 id="personas-title">Personas</h2>
      <div className="studio-toolbar">
        <Link to="/studio/personas/new" className="button-link">
          New persona
        </Link>
        <button type="button" className="secondary" onClick={runImport} disabled={busy === 'import'}>
          {busy === 'import' ? 'Importing…' : 'Import from Tavus'}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className={notice.failed ? 'notice studio-error' : 'notice'}>{notice.text}</p>}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      <div className="studio-field">
        <label htmlFor="persona-search">Search personas</label>
        <input
          id="persona-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Name, Tavus id or replica"
        />
      </div>
      {loading && !personas ? (
        <p aria-busy="true">Loading personas…</p>
      ) : (
        <PersonaTable
          personas={shown}
          total={personas?.length ?? 0}
          busy={busy}
          onRetry={retry}
          onDelete={remove}
          fromSettings={settingsShown ? fromSettings : null}
          onImportSettings={importSettings}
        />
      )}
      <JourneyChoice personas={personas ?? []} />
    </section>
  );
}
