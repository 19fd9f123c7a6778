import { errorOf, useTestDb } from './harness';

// A persona attaches individual guardrails by id (guardrail_ids) and by tag (guardrail_tags), beside
// the older guardrail set (guardrails_id); the persona functions store and check all three.

interface Row {
  guardrails_id: string | null;
  guardrail_ids: string[];
  guardrail_tags: string[];
  tavus_persona_id: string | null;
}

const coach = { persona_name: 'Coach', system_prompt: 'You are a calm coach.' };

describe('persona guardrails', () => {
  const db = useTestDb();
  const save = (uid: string, fields: object, id: string | null = null) =>
    db.asUser<Row & { id: string }>(uid, 'select * from public.save_persona($1, $2)', [id, JSON.stringify(fields)]).then((r) => r[0]!);
  const link = (uid: string, tavusId: string, fields: object) =>
    db.asUser<Row>(uid, 'select * from public.link_persona($1, $2)', [tavusId, JSON.stringify(fields)]).then((r) => r[0]!);
  const mine = (uid: string) => db.asUser<Row>(uid, 'select guardrail_ids, guardrail_tags from public.personas');

  it('stores individual guardrails and tags beside a legacy set, and replaces them on edit', async () => {
    const uid = await db.createUser();
    const row = await save(uid, {
      ...coach,
      guardrails_id: 'g12345',
      guardrail_ids: ['g1234567890ab'],
      guardrail_tags: [' care ', 'calm'],
    });
    expect(row).toMatchObject({ guardrails_id: 'g12345', guardrail_ids: ['g1234567890ab'], guardrail_tags: ['care', 'calm'] });
    const edited = await save(uid, { ...coach, guardrail_tags: ['calm'] }, row.id);
    expect(edited).toMatchObject({ guardrails_id: null, guardrail_ids: [], guardrail_tags: ['calm'] });
    // a persona without them has empty lists, not nulls
    expect(await save(uid, coach)).toMatchObject({ guardrail_ids: [], guardrail_tags: [] });
  });

  it('an imported persona keeps the guardrails Tavus holds', async () => {
    const uid = await db.createUser();
    const row = await link(uid, 'p1234567890ab', { ...coach, guardrail_ids: ['g1234567890ab'], guardrail_tags: ['care'] });
    expect(row).toMatchObject({ tavus_persona_id: 'p1234567890ab', guardrail_ids: ['g1234567890ab'], guardrail_tags: ['care'] });
  });

  it('refuses a malformed id, too many guardrails, an empty or long tag, or a list that is not one, changing nothing', async () => {
    const uid = await db.createUser();
    const refused = async (fields: object) => {
      const error = await errorOf(save(uid, { ...coach, ...fields }));
      expect(error.message).toBe('invalid_argument');
      return error.detail;
    };
    expect(await refused({ guardrail_ids: ['g1; drop table'] })).toContain('is not a Tavus id');
    expect(await refused({ guardrail_ids: Array.from({ length: 51 }, (_, i) => `g${String(i).padStart(10, '0')}`) })).toContain(
      'at most 50',
    );
    expect(await refused({ guardrail_tags: ['  '] })).toContain('1 to 64 characters');
    expect(await refused({ guardrail_tags: ['x'.repeat(65)] })).toContain('1 to 64 characters');
    expect(await refused({ guardrail_tags: 'care' })).toContain('must be a list');
    expect(await refused({ guardrail_ids: [42] })).toContain('1 to 64 characters');
    expect(await mine(uid)).toEqual([]);
  });
});
