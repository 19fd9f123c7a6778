import type { TavusClient } from '@/lib/tavus';
import { DEFAULT_PERSONA_ID, DEFAULT_REPLICA_ID } from '@/lib/tavus/simulator';

// Every method of the Tavus client, called the way the app calls it, including the documented
// failures (an unknown id, a patch that cannot apply, a second recrawl within the hour). The
// contract suite runs it against the simulator through the OpenAPI validator; the coverage test
// runs it to list every operation the client can send.

/** Calls every client method the way the app does, including the documented failures. */
export async function everyOperation(tavus: TavusClient) {
  const objectives = await tavus.objectives.create({
    data: [{ objective_name: 'greet', objective_prompt: 'Say hello.', confirmation_mode: 'auto', modality: 'verbal' }],
  });
  await tavus.objectives.list({ limit: 10 });
  await tavus.objectives.get(objectives.objectives_id);
  await tavus.objectives.get('o000000000aa').catch(() => undefined);
  await tavus.objectives.update(objectives.objectives_id, [
    { op: 'replace', path: '/data/0/objective_prompt', value: 'Say hello warmly.' },
  ]);
  await tavus.objectives.update(objectives.objectives_id, [
    { op: 'replace', path: '/data/0/objective_prompt', value: 'Say hello warmly.' },
  ]);
  await tavus.objectives
    .update(objectives.objectives_id, [{ op: 'replace', path: '/data/9/objective_prompt', value: 'x' }])
    .catch(() => undefined);
  const guardrails = await tavus.guardrails.create({ name: 'Care', data: [{ guardrail_name: 'kind', guardrail_prompt: 'Be kind.' }] });
  await tavus.guardrails.list();
  await tavus.guardrails.get(guardrails.guardrails_id);
  await tavus.guardrails.update(guardrails.guardrails_id, [{ op: 'replace', path: '/data/0/guardrail_prompt', value: 'Be very kind.' }]);
  const document = await tavus.documents.create({ document_url: 'https://example.com/guide.pdf', document_name: 'Guide', tags: ['care'] });
  await tavus.documents.list({ limit: 10, sort: 'descending', tags: ['care'] });
  await tavus.documents.get(document.document_id);
  await tavus.documents.update(document.document_id, { document_name: 'Guide, revised', tags: ['care', 'calm'] });
  const site = await tavus.documents.create({ document_url: 'https://example.com/', crawl: { depth: 1, max_pages: 5 } });
  await tavus.documents.recrawl(site.document_id, { crawl: { depth: 2, max_pages: 10 } });
  await tavus.documents.recrawl(site.document_id).catch(() => undefined); // once an hour: 429
  await tavus.documents.delete(document.document_id);
  await tavus.documents.get(document.document_id).catch(() => undefined);
  await tavus.objectives.delete(objectives.objectives_id);
  await tavus.guardrails.delete(guardrails.guardrails_id);
  await tavus.guardrails.delete(guardrails.guardrails_id).catch(() => undefined);
  const persona = await tavus.personas.create({ persona_name: 'Temp', system_prompt: 'Be brief.', pipeline_mode: 'full' });
  await tavus.personas.list({ limit: 10 });
  await tavus.personas.get(persona.persona_id);
  await tavus.personas.get('p000000000aa').catch(() => undefined);
  await tavus.personas.update(persona.persona_id, [{ op: 'replace', path: '/persona_name', value: 'Temp, renamed' }]);
  await tavus.personas.update(persona.persona_id, [{ op: 'replace', path: '/persona_name', value: 'Temp, renamed' }]);
  await tavus.personas.delete(persona.persona_id);
  await tavus.personas.delete(persona.persona_id).catch(() => undefined);
  const conversation = await tavus.conversations.create({ persona_id: DEFAULT_PERSONA_ID, replica_id: DEFAULT_REPLICA_ID });
  await tavus.conversations.list({ status: 'active' });
  await tavus.conversations.get(conversation.conversation_id);
  await tavus.conversations.end(conversation.conversation_id);
  await tavus.conversations.delete(conversation.conversation_id, { hard: true });
  await tavus.conversations.delete(conversation.conversation_id).catch(() => undefined);
  await tavus.replicas.get(DEFAULT_REPLICA_ID, { verbose: true });
  await tavus.replicas.get('r000000000aa').catch(() => undefined);
  await tavus.replicas.list({ replica_ids: [DEFAULT_REPLICA_ID], verbose: true });
  const replica = await tavus.replicas.create({
    replica_name: 'Me',
    train_video_url: 'https://example.com/train.mp4',
    properties: { gaze_correction: true },
  });
  await tavus.replicas.rename(replica.replica_id, 'Me again');
  await tavus.replicas.delete(replica.replica_id);
  await tavus.replicas.delete(replica.replica_id).catch(() => undefined);
}
