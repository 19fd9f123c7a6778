// A language's name as the start page shows it, apart from the list of the languages Tavus documents
// (languages.ts): the start page names the session's language at once, and loads the list only
// when the user opens the choice. Relative imports: Deno bundles languages.ts, which re-exports these.

/** The replica detects the language spoken and answers in it. */
export const MULTILINGUAL = 'multilingual';

export const DEFAULT_LANGUAGE = 'english';

/** "english" as "English", "multilingual" as "Multilingual (the language you speak)". */
export function languageLabel(language: string): string {
  if (language === MULTILINGUAL) return 'Multilingual (the language you speak)';
  return language.charAt(0).toUpperCase() + language.slice(1);
}
