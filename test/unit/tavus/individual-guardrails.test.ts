import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator } from '@/lib/tavus/simulator';
import { checkedClient, loadTavusContract } from '../../contract/openapi/tavus-contract';

// Individual guardrails as the current docs model them. Their pages' OpenAPI blocks could not be
// retrieved whole (only the older set-model blocks are vendored), so the answers below are the
// documented examples as the rendered pages show them (read 2026-12-02):
//   https://docs.tavus.io/api-reference/guardrails/create-guardrails
//   https://docs.tavus.io/api-reference/guardrails/list-guardrails
const DOCUMENTED_GUARDRAIL = {
  uuid: 'g1234567890ab',
  guardrail_name: 'healthcare_compliance_guardrail',
  guardrail_prompt: 'Never share sensitive medical information or provide medical advice outside approved guidelines.',
  modality: 'verbal',
  callback_url: 'https://your-server.com/guardrails-webhook',
  tags: ['compliance', 'healthcare'],
  app_message: true,
  created_at: '2024-01-15T10:30:00Z',
  updated_at: '2024-01-15T10:30:00Z',
};
const DOCUMENTED_LIST = { data: [DOCUMENTED_GUARDRAIL], total_count: 15, page: 0, limit: 10 };

function answering(body: unknown) {
  const asked: string[] = [];
  const tavus = createTavusClient({
    baseUrl: 'https://tavusapi.com',
    apiKey: 'k',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      asked.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
      return Response.json(body);
    },
    sleep: async () => {},
  });
  return { tavus, asked };
}

describe('individual guardrails', () => {
  it("reads the documented create answer, whose id is `uuid`, as the guardrail's id", async () => {
    const { tavus, asked } = answering(DOCUMENTED_GUARDRAIL);
    const created = await tavus.guardrails.create({ guardrail_name: 'no_competitors', guardrail_prompt: 'Never discuss competitors.' });
    expect(asked).toEqual(['POST /v2/guardrails']);
    expect(created).toMatchObject({
      guardrails_id: 'g1234567890ab',
      data: [{ guardrail_name: 'healthcare_compliance_guardrail', tags: ['compliance', 'healthcare'] }],
    });
  });

  it('lists them with legacy=false from page 0, and reads the documented list', async () => {
    const { tavus, asked } = answering(DOCUMENTED_LIST);
    const page = await tavus.guardrails.list({ legacy: false, limit: 10 });
    expect(asked).toEqual(['GET /v2/guardrails?legacy=false&limit=10&page=0']);
    expect(page.data.map((g) => [g.guardrails_id, g.data?.[0]?.guardrail_name])).toEqual([
      ['g1234567890ab', 'healthcare_compliance_guardrail'],
    ]);
  });

  it('refuses more than the documented 32 tags, and sends nothing', async () => {
    const { tavus, asked } = answering(DOCUMENTED_GUARDRAIL);
    const tags = Array.from({ length: 33 }, (_, i) => `t${i}`);
    await expect(tavus.guardrails.create({ guardrail_name: 'many', guardrail_prompt: 'x', tags })).rejects.toThrow(
      /Invalid request for POST \/v2\/guardrails/,
    );
    expect(asked).toEqual([]);
  });

  it('attaches them to a persona by id and by tag in the simulator, and the persona reads them back', async () => {
    const simulator = createTavusSimulator();
    const tavus = createTavusClient({ baseUrl: 'https://tavusapi.com', apiKey: 'k', fetch: simulator.fetch, sleep: async () => {} });
    const rule = await tavus.guardrails.create({
      guardrail_name: 'no_advice',
      guardrail_prompt: 'Give no medical advice.',
      tags: ['care'],
    });
    const listed = await tavus.guardrails.list({ legacy: false });
    expect(listed.data.map((g) => g.guardrails_id)).toEqual([rule.guardrails_id]);
    expect((await tavus.guardrails.list()).data).toEqual([]); // the default lists legacy sets only
    const persona = await tavus.personas.create({
      persona_name: 'Coach',
      system_prompt: 'Listen.',
      guardrail_ids: [rule.guardrails_id],
      guardrail_tags: ['care'],
    });
    expect(await tavus.personas.get(persona.persona_id)).toMatchObject({ guardrail_ids: [rule.guardrails_id], guardrail_tags: ['care'] });
    await expect(tavus.personas.create({ persona_name: 'X', system_prompt: 'Y', guardrail_ids: ['g000000000aa'] })).rejects.toMatchObject({
      serverMessage: 'Invalid guardrail_ids',
    });
  });

  it('asks with legacy=false, which the current page documents and the vendored (older) list block does not', async () => {
    const { tavus, seen } = checkedClient(await loadTavusContract());
    await tavus.guardrails.list({ legacy: false });
    await tavus.guardrails.list();
    // The choice: follow the current page; the older block's only objection is that parameter.
    expect(seen.map((e) => `${e.operationId} ${e.status}: ${e.violations.join('; ')}`)).toEqual([
      'getGuardrails 200: request /query must NOT have additional properties',
      'getGuardrails 200: ',
    ]);
  });
});
