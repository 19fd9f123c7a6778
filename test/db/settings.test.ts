import { createSettingsAccess, embeddedSettingsCall } from '@/lib/db/settings';
import { DbError } from '@/lib/db/errors';
import { TAVUS_LANGUAGES } from '@/lib/tavus/languages';
import { errorOf, useTestDb } from './harness';

interface SettingsRow {
  user_id: string;
  language: string;
  memory_enabled: boolean;
  memory_generation: number;
}

describe('user settings', () => {
  const db = useTestDb();
  const mine = (uid: string) => db.asUser<SettingsRow>(uid, 'select * from public.my_settings()').then((r) => r[0]!);
  const setLanguage = (uid: string, language: string | null) =>
    db.asUser<SettingsRow>(uid, 'select * from public.set_session_language($1)', [language]).then((r) => r[0]!);
  const setMemory = (uid: string, on: boolean | null) =>
    db.asUser<SettingsRow>(uid, 'select * from public.set_memory($1)', [on]).then((r) => r[0]!);

  it('are the defaults until the user chooses, without writing a row', async () => {
    const uid = await db.createUser();
    expect(await mine(uid)).toMatchObject({ user_id: uid, language: 'english', memory_enabled: true, memory_generation: 1 });
    expect(await db.asOwner('select 1 from public.user_settings where user_id = $1', [uid])).toHaveLength(0);
  });

  it('remember the language, each user their own, and refuse one Tavus does not list, changing nothing', async () => {
    const [anna, ben] = [await db.createUser(), await db.createUser()];
    expect((await setLanguage(anna, 'japanese')).language).toBe('japanese');
    expect((await mine(anna)).language).toBe('japanese');
    expect((await mine(ben)).language).toBe('english');
    for (const bad of ['klingon', 'English', 'en', '', null]) {
      const error = await errorOf(setLanguage(anna, bad));
      expect(error.message).toBe('invalid_argument');
    }
    expect((await errorOf(setLanguage(anna, 'klingon'))).detail).toBe('klingon is not a language Tavus holds conversations in.');
    expect((await mine(anna)).language).toBe('japanese');
    // the table itself holds to the list too, whoever writes
    const direct = await errorOf(db.asOwner(`update public.user_settings set language = 'latin' where user_id = $1`, [anna]));
    expect(direct.message).toContain('user_settings_language_known');
  });

  it('accept every language of the vendored list and multilingual', async () => {
    const uid = await db.createUser();
    for (const language of [...TAVUS_LANGUAGES, 'multilingual']) expect((await setLanguage(uid, language)).language).toBe(language);
  });

  it('turn memory off, and on again onto a new store; repeating a choice changes nothing', async () => {
    const uid = await db.createUser();
    expect(await setMemory(uid, true)).toMatchObject({ memory_enabled: true, memory_generation: 1 });
    expect(await setMemory(uid, false)).toMatchObject({ memory_enabled: false, memory_generation: 1 });
    expect(await setMemory(uid, false)).toMatchObject({ memory_enabled: false, memory_generation: 1 });
    expect(await setMemory(uid, true)).toMatchObject({ memory_enabled: true, memory_generation: 2 });
    expect(await setMemory(uid, true)).toMatchObject({ memory_enabled: true, memory_generation: 2 });
    expect((await errorOf(setMemory(uid, null))).message).toBe('invalid_argument');
    expect((await setLanguage(uid, 'greek')).memory_generation).toBe(2); // the language leaves memory alone
  });

  it("are the user's alone: no direct writes, nobody reads another's row, visitors nothing", async () => {
    const [anna, ben] = [await db.createUser(), await db.createUser()];
    await setLanguage(anna, 'french');
    expect(await db.asUser(ben, 'select * from public.user_settings')).toEqual([]);
    expect((await db.asUser<SettingsRow>(anna, 'select * from public.user_settings'))[0]).toMatchObject({ language: 'french' });
    expect((await errorOf(db.asUser(anna, `update public.user_settings set memory_generation = 9`))).code).toBe('42501');
    expect((await errorOf(db.asUser(ben, `insert into public.user_settings (user_id) values ($1)`, [anna]))).code).toBe('42501');
    expect((await errorOf(db.asAnon('select * from public.my_settings()'))).code).toBe('42501');
    expect((await errorOf(db.asAnon('select * from public.user_settings'))).code).toBe('42501');
  });

  it("the server reads a user's settings with the service role; a user token cannot", async () => {
    const uid = await db.createUser();
    await setLanguage(uid, 'hindi');
    const rows = await db.asService<SettingsRow>('select * from public.server_session_settings($1)', [uid]);
    expect(rows[0]).toMatchObject({ language: 'hindi', memory_enabled: true });
    expect((await errorOf(db.asUser(uid, 'select * from public.server_session_settings($1)', [uid]))).code).toBe('42501');
    expect((await errorOf(db.asService('select * from public.server_session_settings(null)'))).message).toBe('invalid_argument');
  });

  it('reach the app as typed settings, and a refusal as a DbError', async () => {
    const uid = await db.createUser();
    const access = createSettingsAccess(embeddedSettingsCall((sql, params) => db.asUser<{ row: unknown }>(uid, sql, params)));
    expect(await access.settings()).toEqual({ language: 'english', memoryEnabled: true, memoryGeneration: 1 });
    expect(await access.setLanguage('dutch')).toMatchObject({ language: 'dutch' });
    expect(await access.setMemory(false)).toMatchObject({ memoryEnabled: false });
    const refused = await access.setLanguage('elvish' as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DbError);
    expect(refused).toMatchObject({ code: 'invalid_argument' });
  });
});
