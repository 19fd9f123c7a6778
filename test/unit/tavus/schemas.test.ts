import { describe, expect, it } from 'vitest';
import {
  conversationCreateSchema,
  documentCreateSchema,
  guardrailsCreateSchema,
  objectivesCreateSchema,
  personaCreateSchema,
  personaGetResponseSchema,
  personaSchema,
  replicaSchema,
  summarizeIssues,
} from '@/lib/tavus';

const problems = (result: { success: boolean; error?: unknown }) => (result.success ? '' : summarizeIssues(result.error as never));

describe('persona requests', () => {
  it('needs a system prompt on the full pipeline (the default), not on echo', () => {
    expect(problems(personaCreateSchema.safeParse({ persona_name: 'A' }))).toMatch(/system_prompt: is required/);
    expect(problems(personaCreateSchema.safeParse({ persona_name: 'A', pipeline_mode: 'full', system_prompt: '  ' }))).toMatch(
      /system_prompt/,
    );
    expect(personaCreateSchema.safeParse({ persona_name: 'A', pipeline_mode: 'echo' }).success).toBe(true);
  });

  it('refuses misspelt top-level fields instead of dropping them', () => {
    expect(problems(personaCreateSchema.safeParse({ system_prompt: 'x', replica_id: 'r4317e64d25a' }))).toMatch(/replica_id/);
  });

  it('types every layer and accepts the documented variations', () => {
    const persona = {
      system_prompt: 'x',
      layers: {
        llm: {
          model: 'tavus-gpt-oss',
          tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
          headers: { a: 'b' },
        },
        tts: { tts_engine: 'elevenlabs', tts_emotion_control: 'false', voice_settings: { speed: 'normal', stability: 0.4 } },
        stt: { stt_engine: 'tavus-turbo', participant_interrupt_sensitivity: 'low', smart_turn_detection: true, hotwords: 'AwakNow' },
        conversational_flow: { turn_detection_model: 'time-based', turn_taking_patience: 'medium' },
        perception: { perception_model: 'off', ambient_awareness_queries: ['q'], perception_tools: [] },
      },
    };
    expect(personaCreateSchema.safeParse(persona).success).toBe(true);
    expect(problems(personaCreateSchema.safeParse({ system_prompt: 'x', layers: { llm: { tools: [{ name: 'f' }] } } }))).toMatch(
      /layers\.llm\.tools\.0/,
    );
    expect(problems(personaCreateSchema.safeParse({ system_prompt: 'x', layers: { llm: { speculative_inference: 'yes' } } }))).toMatch(
      /speculative_inference/,
    );
    expect(problems(personaCreateSchema.safeParse({ system_prompt: 'x', layers: { llm: { base_url: 'not a url' } } }))).toMatch(/base_url/);
  });
});

describe('persona responses', () => {
  it('keep unknown fields and accept unknown enum values', () => {
    const parsed = personaSchema.parse({
      persona_id: 'p1',
      pipeline_mode: 'speech-to-speech',
      new_top_level: 1,
      layers: {
        llm: { model: 'tavus-next-gen' },
        vqa: { enable_vision: 'false' },
        perception: { perception_model: 'raven-9', visual_tools: [] },
      },
    });
    expect(parsed.pipeline_mode).toBe('speech-to-speech');
    expect(parsed.new_top_level).toBe(1);
    expect(parsed.layers?.vqa).toEqual({ enable_vision: 'false' });
    expect(parsed.layers?.perception?.visual_tools).toEqual([]);
  });

  it('take a single persona flat, in data: [..], or in data: {..}', () => {
    for (const body of [{ persona_id: 'p1' }, { data: [{ persona_id: 'p1' }] }, { data: { persona_id: 'p1' } }]) {
      expect(personaGetResponseSchema.parse(body).persona_id).toBe('p1');
    }
    expect(personaGetResponseSchema.safeParse({ data: [] }).success).toBe(false);
  });

  it('replica statuses stay open', () => {
    expect(replicaSchema.parse({ replica_id: 'r1', status: 'queued' }).status).toBe('queued');
  });
});

describe('conversation requests', () => {
  const base = { persona_id: 'p7e13c73f41f' };

  it('take every documented field and property', () => {
    const full = {
      ...base,
      replica_id: 'r4317e64d25a',
      conversation_name: 'awaknow_reflect_alone_1',
      callback_url: 'https://x.test/hook?token=abc',
      conversational_context: 'c',
      custom_greeting: 'Hi',
      document_ids: ['d1'],
      document_tags: ['t'],
      document_retrieval_strategy: 'balanced',
      memory_stores: ['user_1'],
      audio_only: false,
      test_mode: true,
      require_auth: true,
      max_participants: 2,
      properties: {
        max_call_duration: 3600,
        participant_left_timeout: 0,
        participant_absent_timeout: 300,
        enable_recording: true,
        enable_closed_captions: true,
        apply_greenscreen: false,
        language: 'multilingual',
        recording_s3_bucket_name: 'b',
        recording_s3_bucket_region: 'us-east-1',
        aws_assume_role_arn: 'arn:aws:iam::1:role/x',
      },
    };
    expect(problems(conversationCreateSchema.safeParse(full))).toBe('');
  });

  it('refuse enable_transcription wherever it is put, and say what to use', () => {
    expect(problems(conversationCreateSchema.safeParse({ ...base, enable_transcription: true }))).toMatch(
      /does not exist.*enable_closed_captions/,
    );
    expect(problems(conversationCreateSchema.safeParse({ ...base, properties: { enable_transcription: true } }))).toMatch(
      /properties: enable_transcription does not exist/,
    );
    expect(problems(conversationCreateSchema.safeParse({ ...base, propertys: {} }))).toMatch(/propertys is not a Tavus field/);
  });

  it('check limits Tavus sets', () => {
    expect(problems(conversationCreateSchema.safeParse({ ...base, properties: { max_call_duration: 3601 } }))).toMatch(/max_call_duration/);
    expect(problems(conversationCreateSchema.safeParse({ ...base, max_participants: 1 }))).toMatch(/max_participants/);
    expect(problems(conversationCreateSchema.safeParse({ ...base, document_retrieval_strategy: 'fast' }))).toMatch(
      /document_retrieval_strategy/,
    );
    expect(problems(conversationCreateSchema.safeParse({ ...base, callback_url: '/api/tavus/callback' }))).toMatch(/callback_url/);
    expect(problems(conversationCreateSchema.safeParse({}))).toMatch(/replica_id: is required unless persona_id/);
  });
});

describe('objectives, guardrails, documents', () => {
  it('objectives: names without spaces, unique, and every next objective in the set', () => {
    const ok = {
      data: [
        { objective_name: 'a', objective_prompt: 'p', next_required_objectives: ['b'] },
        { objective_name: 'b', objective_prompt: 'p', next_conditional_objectives: { a: 'if they want to go back' } },
      ],
    };
    expect(problems(objectivesCreateSchema.safeParse(ok))).toBe('');
    expect(problems(objectivesCreateSchema.safeParse({ data: [{ objective_name: 'two words', objective_prompt: 'p' }] }))).toMatch(
      /no spaces/,
    );
    expect(
      problems(
        objectivesCreateSchema.safeParse({ data: [{ objective_name: 'a', objective_prompt: 'p', next_required_objectives: ['z'] }] }),
      ),
    ).toMatch(/"z"/);
    expect(problems(objectivesCreateSchema.safeParse({ data: [] }))).toMatch(/at least one/);
  });

  it('guardrails: names of letters, digits and _, no duplicates', () => {
    expect(problems(guardrailsCreateSchema.safeParse({ name: 'S', data: [{ guardrail_name: 'no-dash', guardrail_prompt: 'p' }] }))).toMatch(
      /letters, digits and _/,
    );
    const twice = {
      name: 'S',
      data: [
        { guardrail_name: 'x', guardrail_prompt: 'p' },
        { guardrail_name: 'x', guardrail_prompt: 'q' },
      ],
    };
    expect(problems(guardrailsCreateSchema.safeParse(twice))).toMatch(/used twice/);
  });

  it('documents: a URL, and crawl depth 1-10, pages 1-100', () => {
    expect(documentCreateSchema.safeParse({ document_url: 'https://example.com', crawl: { depth: 10, max_pages: 100 } }).success).toBe(
      true,
    );
    expect(problems(documentCreateSchema.safeParse({ document_url: 'https://example.com', crawl: { depth: 11, max_pages: 1 } }))).toMatch(
      /crawl\.depth/,
    );
    expect(problems(documentCreateSchema.safeParse({ document_name: 'x' }))).toMatch(/document_url/);
  });
});
