import { insert, emptyState, type SimState } from './state.ts';

export const DEFAULT_PERSONA_ID = 'p7e13c73f41f';
export const DEFAULT_REPLICA_ID = 'r4317e64d25a';

const SYSTEM_PROMPT = [
  'You are a reflective listener. You help the person think about what is on their mind,',
  'in their own words and at their own pace. Listen more than you speak. Reflect back what you hear,',
  'name feelings gently and tentatively, and ask one open question at a time. Do not diagnose,',
  'give medical advice or tell the person what to do. If they mention being in danger,',
  'encourage them to contact local emergency services or a crisis line.',
].join(' ');

/** Stock replicas, as a new Tavus account sees them (trained, owned by Tavus). */
const STOCK_REPLICAS: Array<[string, string]> = [
  [DEFAULT_REPLICA_ID, 'Anna'],
  ['r6ae5b6efc9d', 'Charlie'],
  ['rb17cf590e15', 'Rose'],
];

export function seedState(now: number): SimState {
  const state = emptyState();
  for (const [id, name] of STOCK_REPLICAS) {
    insert(state, 'replicas', id, now, {
      replica_name: name,
      thumbnail_video_url: `https://cdn.replica.tavus.io/${id}/thumbnail.mp4`,
      training_progress: '100/100',
      status: 'completed',
      error_message: null,
      replica_type: 'system',
      model_name: 'phoenix-3',
    });
  }
  insert(state, 'personas', DEFAULT_PERSONA_ID, now, {
    persona_name: 'Reflective Listener',
    pipeline_mode: 'full',
    system_prompt: SYSTEM_PROMPT,
    context: 'The person has opened AwakNow for a private reflection session. Sessions are short; let them lead.',
    default_replica_id: DEFAULT_REPLICA_ID,
    persona_type: 'user',
    layers: {
      llm: { model: 'tavus-gpt-oss', speculative_inference: true },
      tts: { tts_engine: 'cartesia', voice_settings: { speed: 'slow', emotion: ['positivity:low', 'curiosity'] } },
      stt: { stt_engine: 'tavus-advanced', hotwords: 'AwakNow' },
      conversational_flow: { turn_detection_model: 'sparrow-1', turn_taking_patience: 'high', replica_interruptibility: 'medium' },
      perception: { perception_model: 'raven-0' },
    },
  });
  return state;
}
