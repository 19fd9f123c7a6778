import { z } from 'zod';
import { httpUrlSchema, openEnum } from '../schemas/common.ts';

/*
 * Persona layers. One set of schemas serves requests and responses: loose objects (Tavus adds
 * fields, such as `pronunciation_dictionary_id` or `visual_awareness_queries`, and they are
 * kept), open enums for model and engine names, and the few documented type variations accepted
 * (a voice speed is "normal" in one example and 0.5 in another).
 */
export const LLM_MODELS = ['tavus-gpt-oss', 'tavus-gpt-4o', 'tavus-gpt-4o-mini', 'tavus-llama'] as const;
export const TTS_ENGINES = ['cartesia', 'elevenlabs'] as const;
export const STT_ENGINES = ['tavus-turbo', 'tavus-advanced'] as const;
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
export const TURN_DETECTION_MODELS = ['sparrow-1', 'sparrow-0', 'time-based'] as const;
export const PERCEPTION_MODELS = ['raven-0', 'raven-1', 'basic', 'off'] as const;

/** An OpenAI-style function tool: `{ type: "function", function: { name, description, parameters } }`. */
export const toolSchema = z.looseObject({
  type: openEnum(['function']).optional(),
  function: z
    .looseObject({
      name: z.string().trim().min(1, 'a tool needs a name'),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type Tool = z.infer<typeof toolSchema>;

const stringRecord = z.record(z.string(), z.string());

export const llmLayerSchema = z.looseObject({
  model: openEnum(LLM_MODELS).nullish(),
  base_url: z.union([httpUrlSchema, z.literal('')]).nullish(),
  api_key: z.string().nullish(),
  speculative_inference: z.boolean().nullish(),
  tools: z.array(toolSchema).nullish(),
  headers: stringRecord.nullish(),
  extra_body: z.record(z.string(), z.unknown()).nullish(),
});
export type LlmLayer = z.infer<typeof llmLayerSchema>;

export const voiceSettingsSchema = z.looseObject({
  speed: z.union([z.number(), z.string()]).optional(),
  emotion: z.array(z.string()).optional(),
  stability: z.number().optional(),
  similarity_boost: z.number().optional(),
  style: z.number().optional(),
  use_speaker_boost: z.boolean().optional(),
});
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

export const ttsLayerSchema = z.looseObject({
  tts_engine: z.union([openEnum(TTS_ENGINES), z.literal('')]).nullish(),
  api_key: z.string().nullish(),
  external_voice_id: z.string().nullish(),
  voice_settings: voiceSettingsSchema.nullish(),
  // Documented both as a boolean and as the strings "true" / "false".
  tts_emotion_control: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
  tts_model_name: z.string().nullish(),
  playht_user_id: z.string().nullish(),
});
export type TtsLayer = z.infer<typeof ttsLayerSchema>;

export const sttLayerSchema = z.looseObject({
  stt_engine: openEnum(STT_ENGINES).nullish(),
  hotwords: z.string().nullish(),
  participant_pause_sensitivity: openEnum(SENSITIVITIES).nullish(),
  participant_interrupt_sensitivity: openEnum(SENSITIVITIES).nullish(),
  smart_turn_detection: z.boolean().nullish(),
});
export type SttLayer = z.infer<typeof sttLayerSchema>;

export const conversationalFlowLayerSchema = z.looseObject({
  turn_detection_model: openEnum(TURN_DETECTION_MODELS).nullish(),
  turn_taking_patience: openEnum(SENSITIVITIES).nullish(),
  replica_interruptibility: openEnum(SENSITIVITIES).nullish(),
});
export type ConversationalFlowLayer = z.infer<typeof conversationalFlowLayerSchema>;

export const perceptionLayerSchema = z.looseObject({
  perception_model: openEnum(PERCEPTION_MODELS).nullish(),
  ambient_awareness_queries: z.array(z.string()).nullish(),
  perception_analysis_queries: z.array(z.string()).nullish(),
  perception_tool_prompt: z.string().nullish(),
  perception_tools: z.array(toolSchema).nullish(),
});
export type PerceptionLayer = z.infer<typeof perceptionLayerSchema>;

export const personaLayersSchema = z.looseObject({
  llm: llmLayerSchema.nullish(),
  tts: ttsLayerSchema.nullish(),
  stt: sttLayerSchema.nullish(),
  conversational_flow: conversationalFlowLayerSchema.nullish(),
  perception: perceptionLayerSchema.nullish(),
});
export type PersonaLayers = z.infer<typeof personaLayersSchema>;
