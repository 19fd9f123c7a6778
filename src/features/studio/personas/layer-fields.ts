import {
  LLM_MODELS,
  PERCEPTION_MODELS,
  PIPELINE_MODES,
  SENSITIVITIES,
  STT_ENGINES,
  TTS_ENGINES,
  TURN_DETECTION_MODELS,
} from '@/lib/tavus/schemas';

/**
 * Every persona setting the form edits, by its path in the Tavus persona body. The layer sections
 * render from these lists and the form model converts with them, so a field is declared once.
 * Tavus enums drift: options are suggestions, and a value Tavus returns that is not listed is kept.
 */
export type FieldKind =
  | 'text' // trimmed string
  | 'url'
  | 'secret' // a key: never echoed in a placeholder, autocomplete off
  | 'textarea' // string kept as typed
  | 'select' // one of `options`, or unset
  | 'flag' // unset | true | false
  | 'json-array'
  | 'json-object'
  | 'lines'; // a list of strings, one a line

export interface FieldSpec {
  path: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** For text fields: suggestions (a datalist), any value allowed. */
  suggestions?: readonly string[];
  hint?: string;
}

const LEVELS = SENSITIVITIES;

export const LLM_FIELDS: FieldSpec[] = [
  {
    path: 'layers.llm.model',
    label: 'LLM model',
    kind: 'text',
    suggestions: LLM_MODELS,
    hint: 'A Tavus-hosted model, or your own model name with a custom base URL.',
  },
  {
    path: 'layers.llm.base_url',
    label: 'Custom LLM base URL',
    kind: 'url',
    hint: 'An OpenAI-compatible endpoint; leave empty for Tavus-hosted models.',
  },
  {
    path: 'layers.llm.api_key',
    label: 'Custom LLM API key',
    kind: 'secret',
    hint: 'Sent to Tavus with the persona; needed only with a custom base URL.',
  },
  {
    path: 'layers.llm.speculative_inference',
    label: 'Speculative inference',
    kind: 'flag',
    hint: 'Starts answering before the user has finished: faster replies.',
  },
  {
    path: 'layers.llm.tools',
    label: 'LLM tools (JSON)',
    kind: 'json-array',
    hint: 'A JSON array of OpenAI-format functions: [{"type":"function","function":{"name":"…","parameters":{…}}}].',
  },
  { path: 'layers.llm.headers', label: 'LLM request headers (JSON)', kind: 'json-object' },
  { path: 'layers.llm.extra_body', label: 'LLM extra body (JSON)', kind: 'json-object' },
];

export const TTS_FIELDS: FieldSpec[] = [
  { path: 'layers.tts.tts_engine', label: 'TTS engine', kind: 'select', options: TTS_ENGINES },
  {
    path: 'layers.tts.external_voice_id',
    label: 'Voice id',
    kind: 'text',
    hint: "The engine's voice id; empty uses the replica's own voice.",
  },
  {
    path: 'layers.tts.tts_model_name',
    label: 'TTS model',
    kind: 'text',
    suggestions: ['sonic', 'sonic-2', 'eleven_flash_v2_5', 'eleven_multilingual_v2'],
  },
  {
    path: 'layers.tts.tts_emotion_control',
    label: 'Emotion control',
    kind: 'flag',
    hint: 'Lets the replica vary the emotion of its voice.',
  },
  {
    path: 'layers.tts.voice_settings',
    label: 'Voice settings (JSON)',
    kind: 'json-object',
    hint: 'Engine specific, e.g. {"speed":"normal","emotion":["positivity:high","curiosity"]}.',
  },
  { path: 'layers.tts.api_key', label: 'TTS engine API key', kind: 'secret', hint: 'Only for your own engine account.' },
];

export const STT_FIELDS: FieldSpec[] = [
  { path: 'layers.stt.stt_engine', label: 'STT engine', kind: 'select', options: STT_ENGINES },
  {
    path: 'layers.stt.hotwords',
    label: 'Hotwords',
    kind: 'textarea',
    hint: 'Names and terms to recognise better, e.g. "Roey is the name of the person you are speaking with."',
  },
  { path: 'layers.stt.participant_pause_sensitivity', label: 'Pause sensitivity', kind: 'select', options: LEVELS },
  { path: 'layers.stt.participant_interrupt_sensitivity', label: 'Interrupt sensitivity', kind: 'select', options: LEVELS },
  { path: 'layers.stt.smart_turn_detection', label: 'Smart turn detection', kind: 'flag' },
];

export const FLOW_FIELDS: FieldSpec[] = [
  {
    path: 'layers.conversational_flow.turn_detection_model',
    label: 'Turn detection model',
    kind: 'select',
    options: TURN_DETECTION_MODELS,
  },
  { path: 'layers.conversational_flow.turn_taking_patience', label: 'Turn-taking patience', kind: 'select', options: LEVELS },
  { path: 'layers.conversational_flow.replica_interruptibility', label: 'Replica interruptibility', kind: 'select', options: LEVELS },
];

export const PERCEPTION_FIELDS: FieldSpec[] = [
  { path: 'layers.perception.perception_model', label: 'Perception model', kind: 'select', options: PERCEPTION_MODELS },
  {
    path: 'layers.perception.ambient_awareness_queries',
    label: 'Awareness queries',
    kind: 'lines',
    hint: 'One question a line, checked throughout the call, e.g. "Does the user appear distressed?"',
  },
  {
    path: 'layers.perception.perception_analysis_queries',
    label: 'End-of-call analysis queries',
    kind: 'lines',
    hint: 'One question a line, answered after the call.',
  },
  { path: 'layers.perception.perception_tool_prompt', label: 'Perception tool prompt', kind: 'textarea' },
  {
    path: 'layers.perception.perception_tools',
    label: 'Perception tools (JSON)',
    kind: 'json-array',
    hint: 'OpenAI-format functions the perception model may call.',
  },
];

export const CORE_FIELDS: FieldSpec[] = [
  { path: 'persona_name', label: 'Name', kind: 'text' },
  {
    path: 'pipeline_mode',
    label: 'Pipeline mode',
    kind: 'select',
    options: PIPELINE_MODES,
    hint: 'full: the replica thinks and answers; echo: it speaks only what you send it.',
  },
  { path: 'system_prompt', label: 'System prompt', kind: 'textarea', hint: 'Required in the full pipeline mode.' },
  { path: 'context', label: 'Context', kind: 'textarea' },
  { path: 'default_replica_id', label: 'Default replica', kind: 'select' },
  { path: 'objectives_id', label: 'Objectives', kind: 'select' },
  { path: 'guardrails_id', label: 'Guardrail set (older model)', kind: 'select' },
  {
    path: 'guardrail_tags',
    label: 'Guardrail tags',
    kind: 'lines',
    hint: 'One tag a line: every guardrail that carries one of these tags applies too.',
  },
];

export const LAYER_FIELDS = [...LLM_FIELDS, ...TTS_FIELDS, ...STT_FIELDS, ...FLOW_FIELDS, ...PERCEPTION_FIELDS];
export const ALL_FIELDS = [...CORE_FIELDS, ...LAYER_FIELDS];

/** The persona keys the studio writes; anything else Tavus returns (ids, dates) is not diffed. */
export const EDITABLE_KEYS = [
  'persona_name',
  'system_prompt',
  'context',
  'pipeline_mode',
  'default_replica_id',
  'objectives_id',
  'guardrails_id',
  'guardrail_ids',
  'guardrail_tags',
  'document_ids',
  'document_tags',
  'layers',
] as const;

/** The element id of a field, for labels, aria-describedby and focusing the first error. */
export const fieldId = (path: string) => `persona-${path.replaceAll('.', '-')}`;
