import { MULTILINGUAL } from './language-label.ts';

/**
 * The languages a conversation may be held in, as Tavus documents them: the `language` property of
 * `POST /v2/conversations` takes the full language name, lowercase, not a code.
 *
 * Source: https://docs.tavus.io/sections/conversational-video-interface/language-support
 * ("Supported Languages": 42 languages; "Setting the Conversation Language": full names), and the
 * create-conversation reference for `multilingual`. Taken 2026-12-02. The page notes that a
 * persona's speech-to-text model may support fewer of them.
 */
export const TAVUS_LANGUAGES = [
  'english',
  'french',
  'german',
  'spanish',
  'portuguese',
  'chinese',
  'japanese',
  'hindi',
  'italian',
  'korean',
  'dutch',
  'polish',
  'russian',
  'swedish',
  'turkish',
  'tagalog',
  'bulgarian',
  'romanian',
  'arabic',
  'czech',
  'greek',
  'finnish',
  'croatian',
  'malay',
  'slovak',
  'danish',
  'tamil',
  'ukrainian',
  'hungarian',
  'norwegian',
  'vietnamese',
  'bengali',
  'thai',
  'hebrew',
  'georgian',
  'indonesian',
  'telugu',
  'gujarati',
  'kannada',
  'malayalam',
  'marathi',
  'punjabi',
] as const;

export type TavusLanguage = (typeof TAVUS_LANGUAGES)[number] | typeof MULTILINGUAL;

const KNOWN = new Set<string>([...TAVUS_LANGUAGES, MULTILINGUAL]);

export function isTavusLanguage(value: unknown): value is TavusLanguage {
  return typeof value === 'string' && KNOWN.has(value);
}

export { DEFAULT_LANGUAGE, languageLabel, MULTILINGUAL } from './language-label.ts';
