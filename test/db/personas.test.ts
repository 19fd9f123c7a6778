import { createPersonaWrites, embeddedPersonaCall } from '@/lib/db/personas';
import { DbError } from '@/lib/db/errors';
import { errorOf, PERSONA, REPLICA, useTestDb } from './harness';

interface PersonaRow {
  id: string;
  owner_id: string;
  persona_name: string;
  system_prompt: string | null;
  pipeline_mode: string;
  default_replica_id: string | null;
  layers: Record<string, unknown>;
  document_ids: string[];
  tavus_persona_id: string | null;
  sync_status: string;
  sync_error: string | null;
}

const coach = {
  persona_name: 'Coach',
  system_prompt: 'You are a calm coach.',
  pipeline_mode: 'full',
  default_replica_id: REPLICA,
  layers: { llm: { model: 'tavus-gpt-4o' }, tts: { tts_engine: 'cartesia' } },
  document_ids: ['d1234567890'],
};

describe('persona functions', () => {
  const db = useTestDb();

  const save = (uid: string, fields: object, id: string | null = null) =>
    db.asUser<PersonaRow>(uid, 'select * from public.save_persona($1, $2)', [id, JSON.stringify(fields)]).then((r) => r[0]!);
  const link = (uid: string, tavusId: string, fields: object) =>
    db.asUser<PersonaRow>(uid, 'select * from public.link_persona($1, $2)', [tavusId, JSON.stringify(fields)]).then((r) => r[0]!);
  const mine = (uid: string) => db.asUser<PersonaRow>(uid, 'select * from public.personas order by created_at');

  it('saves a persona with every layer, pending until Tavus has it, owned by the caller', async () => {
    const uid = await db.createUser();
    const row = await save(uid, coach);
    expect(row).toMatchObject({ owner_id: uid, persona_name: 'Coach', sync_status: 'pending', tavus_persona_id: null });
    expect(row.layers).toEqual(coach.layers);
    expect(row.document_ids).toEqual(['d1234567890']);
    expect(row.default_replica_id).toBe(REPLICA);
  });

  it('refuses a full-mode persona without a system prompt, and bad ids, changing nothing', async () => {
    const uid = await db.createUser();
    const noPrompt = await errorOf(save(uid, { persona_name: 'X', pipeline_mode: 'full', system_prompt: '  ' }));
    expect(noPrompt.message).toBe('invalid_argument');
    expect(noPrompt.detail).toContain('system_prompt');
    expect((await errorOf(save(uid, { ...coach, default_replica_id: 'r 1; drop' }))).message).toBe('invalid_argument');
    expect((await errorOf(save(uid, { ...coach, layers: [] }))).message).toBe('invalid_argument');
    expect((await errorOf(save(uid, { ...coach, replica: REPLICA }))).detail).toContain('Unknown persona field');
    expect((await errorOf(save(uid, { ...coach, persona_name: '' }))).message).toBe('invalid_argument');
    expect(await mine(uid)).toEqual([]);
    // echo mode needs no prompt
    expect((await save(uid, { persona_name: 'Echo', pipeline_mode: 'echo' })).pipeline_mode).toBe('echo');
  });

  it('edits mark the persona pending again and keep its Tavus link', async () => {
    const uid = await db.createUser();
    const row = await save(uid, coach);
    await db.asUser(uid, 'select public.mark_persona_synced($1, $2)', [row.id, 'pabc123456']);
    const edited = await save(uid, { ...coach, persona_name: 'Coach 2' }, row.id);
    expect(edited).toMatchObject({ persona_name: 'Coach 2', sync_status: 'pending', tavus_persona_id: 'pabc123456' });
  });

  it('records a Tavus failure with its error, then a successful retry links it', async () => {
    const uid = await db.createUser();
    const row = await save(uid, coach);
    const [failed] = await db.asUser<PersonaRow>(uid, 'select * from public.mark_persona_failed($1, $2)', [row.id, 'out_of_credits']);
    expect(failed).toMatchObject({ sync_status: 'failed', sync_error: 'out_of_credits' });
    const [synced] = await db.asUser<PersonaRow>(uid, 'select * from public.mark_persona_synced($1, $2)', [row.id, 'pabc123456']);
    expect(synced).toMatchObject({ sync_status: 'synced', sync_error: null, tavus_persona_id: 'pabc123456' });
  });

  it('links a Tavus persona to one local persona per owner, and to each owner separately', async () => {
    const [a, b] = [await db.createUser(), await db.createUser()];
    const first = await save(a, coach);
    const second = await save(a, coach);
    await db.asUser(a, 'select public.mark_persona_synced($1, $2)', [first.id, PERSONA]);
    const dup = await errorOf(db.asUser(a, 'select public.mark_persona_synced($1, $2)', [second.id, PERSONA]));
    expect(dup.message).toBe('persona_already_linked');
    const relink = await errorOf(db.asUser(a, 'select public.mark_persona_synced($1, $2)', [first.id, 'pother12345']));
    expect(relink.message).toBe('persona_already_linked');
    const theirs = await save(b, coach);
    await db.asUser(b, 'select public.mark_persona_synced($1, $2)', [theirs.id, PERSONA]);
    expect((await mine(b))[0]!.tavus_persona_id).toBe(PERSONA);
  });

  it('imports a Tavus persona once: linking it twice adds nothing', async () => {
    const uid = await db.createUser();
    const imported = { persona_name: 'Imported', pipeline_mode: 'full', system_prompt: null, layers: { stt: { hotwords: 'x' } } };
    const one = await link(uid, PERSONA, imported);
    const two = await link(uid, PERSONA, { ...imported, persona_name: 'Renamed meanwhile' });
    expect(one).toMatchObject({ tavus_persona_id: PERSONA, sync_status: 'synced', persona_name: 'Imported' });
    expect(two.id).toBe(one.id);
    expect(await mine(uid)).toHaveLength(1);
  });

  it("never touches another user's persona", async () => {
    const [a, b] = [await db.createUser(), await db.createUser()];
    const row = await save(a, coach);
    for (const attempt of [
      () => save(b, { ...coach, persona_name: 'Hijacked' }, row.id),
      () => db.asUser(b, 'select public.mark_persona_failed($1, $2)', [row.id, 'x']),
      () => db.asUser(b, 'select public.mark_persona_synced($1, $2)', [row.id, 'pabc123456']),
      () => db.asUser(b, 'select public.delete_persona($1)', [row.id]),
    ]) {
      expect((await errorOf(attempt())).message).toBe('persona_not_found');
    }
    expect(await mine(b)).toEqual([]);
    expect((await mine(a))[0]).toMatchObject({ persona_name: 'Coach', sync_status: 'pending' });
  });

  it('deleting a persona keeps the history of sessions that used it readable', async () => {
    const uid = await db.createUser();
    const row = await save(uid, coach);
    await db.asUser(uid, 'select public.mark_persona_synced($1, $2)', [row.id, PERSONA]);
    const [session] = await db.asUser<{ id: string }>(uid, "select * from public.start_session('reflect_alone', $1, $2)", [
      PERSONA,
      REPLICA,
    ]);
    await db.asUser(uid, 'select public.delete_persona($1)', [row.id]);
    expect(await mine(uid)).toEqual([]);
    const history = await db.asUser<{ id: string; persona_id: string }>(uid, 'select id, persona_id from public.sessions');
    expect(history).toEqual([{ id: session!.id, persona_id: PERSONA }]);
  });

  it('refuses anonymous callers, callers without a user, and direct writes', async () => {
    const uid = await db.createUser();
    expect((await errorOf(db.asAnon("select public.save_persona(null, '{}')"))).message).toMatch(/permission denied/);
    const noUser = await errorOf(db.asOwner(`select public.save_persona(null, $1)`, [JSON.stringify(coach)]));
    expect(noUser.message).toBe('not_authenticated');
    const direct = await errorOf(db.asUser(uid, "insert into public.personas (owner_id, persona_name) values ($1, 'x')", [uid]));
    expect(direct.message).toMatch(/permission denied/);
    const row = await save(uid, coach);
    expect((await errorOf(db.asUser(uid, "update public.personas set sync_status = 'synced' where id = $1", [row.id]))).message).toMatch(
      /permission denied/,
    );
  });

  it('every persona function is security definer with an empty search_path', async () => {
    const rows = await db.asOwner<{ proname: string; prosecdef: boolean; proconfig: string[] }>(
      `select proname, prosecdef, proconfig from pg_proc
        where pronamespace = 'public'::regnamespace
          and proname in ('save_persona', 'mark_persona_synced', 'mark_persona_failed', 'link_persona', 'delete_persona')`,
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.prosecdef).toBe(true);
      expect(row.proconfig).toContain('search_path=""');
    }
  });

  it('the data layer writes through these functions and maps their codes to typed errors', async () => {
    const uid = await db.createUser();
    const writes = createPersonaWrites(embeddedPersonaCall((sql, params) => db.asUser<{ row: unknown }>(uid, sql, params)));
    const saved = await writes.savePersona(null, coach);
    expect(saved).toMatchObject({ owner_id: uid, persona_name: 'Coach', sync_status: 'pending' });
    const linked = await writes.markPersonaSynced(saved.id, 'pabc123456');
    expect(linked.tavus_persona_id).toBe('pabc123456');
    const imported = await writes.linkPersona('pabc123456', { persona_name: 'Other' });
    expect(imported.id).toBe(saved.id);
    await expect(writes.savePersona(crypto.randomUUID(), coach)).rejects.toMatchObject({ code: 'persona_not_found' });
    const invalid = await errorOf(writes.savePersona(null, { persona_name: 'X', pipeline_mode: 'full' }));
    expect(invalid).toBeInstanceOf(DbError);
    expect(invalid).toMatchObject({ code: 'invalid_argument', detail: expect.stringContaining('system_prompt') });
    await expect(writes.deletePersona('not-a-uuid')).rejects.toMatchObject({ code: 'invalid_argument' });
    expect((await writes.deletePersona(saved.id)).id).toBe(saved.id);
    expect(await mine(uid)).toEqual([]);
  });
});
