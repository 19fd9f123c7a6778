import { InvalidRequestError } from '@/lib/tavus';
import { DEFAULT_PERSONA_ID } from '@/lib/tavus/simulator';
import { checkedClient, loadTavusContract, type TavusContract } from '../../contract/openapi/tavus-contract';

// Where a vendored OpenAPI block (tavus-openapi.yaml) contradicts its own page's prose or examples,
// the client follows one of them; each test shows which, and exactly what the block then objects to.

let contract: TavusContract;
beforeAll(async () => {
  contract = await loadTavusContract();
});

describe('choices where a vendored block contradicts its own page', () => {
  it('patches a persona with JSON values and value-less removes, as the page prose and RFC 6902 say, though the block types value as a required string', async () => {
    const { tavus, problems } = checkedClient(contract);
    const guardrail = await tavus.guardrails.create({ guardrail_name: 'no_advice', guardrail_prompt: 'Give no medical advice.' });
    const persona = await tavus.personas.create({ persona_name: 'Coach', system_prompt: 'Listen.', context: 'A quiet room.' });
    const removed = await tavus.personas.update(persona.persona_id, [{ op: 'remove', path: '/context' }]);
    const result = await tavus.personas.update(persona.persona_id, [
      { op: 'add', path: '/guardrail_ids', value: [guardrail.guardrails_id] },
    ]);
    expect(removed.changed).toBe(true);
    expect(result.changed).toBe(true);
    const patched = await tavus.personas.get(persona.persona_id);
    expect(patched.context).toBeUndefined();
    expect(patched.guardrail_ids).toEqual([guardrail.guardrails_id]);
    // The page's own example removes /layers/stt/hotwords without a value, and a persona holds
    // arrays and objects: the block's `value: string, required` cannot be what Tavus takes.
    expect(problems()).toEqual([
      "patchPersona 200: request /requestBody/0 must have required property 'value'",
      'patchPersona 200: request /requestBody/0/value must be string',
    ]);
  });

  it('sends audio_only as the boolean the create conversation block types, not as its string example', async () => {
    const { tavus, seen, problems } = checkedClient(contract);
    // The block: `audio_only: {type: boolean, example: 'false'}`. The type wins; the string is refused before sending.
    await expect(tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, audio_only: 'false' as never })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(seen).toEqual([]);
    await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, audio_only: false });
    expect(seen.map((e) => e.operationId)).toEqual(['createConversation']);
    expect(problems()).toEqual([]);
  });

  it("accepts tts_emotion_control as the string Tavus's own patch example sends, which the create persona block (a boolean) refuses", async () => {
    const { tavus, problems } = checkedClient(contract);
    await tavus.personas.create({ persona_name: 'A', system_prompt: 'B', layers: { tts: { tts_emotion_control: true } } });
    expect(problems()).toEqual([]);
    // patch-persona's prose example: {"op": "add", "path": "/layers/tts/tts_emotion_control", "value": "true"}
    await tavus.personas.create({ persona_name: 'A', system_prompt: 'B', layers: { tts: { tts_emotion_control: 'false' } } });
    expect(problems()).toEqual(['createPersona 200: request /requestBody/layers/tts/tts_emotion_control must be boolean']);
  });
});
