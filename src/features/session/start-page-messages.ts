/**
 * The start page's words (part of this feature's messages, re-exported by `messages.ts`), apart
 * from the error catalogue: the first page needs these at once, and the catalogue's words only
 * once something failed (they load then: `home/explain-later.ts`).
 */

/** The start page's first sentence: the replica appears once the call starts, not on this page. */
export function homeIntro(upTo: string): string {
  return `A guided reflection with a video replica that listens and answers: talk, or type your answers, for up to ${upTo}.`;
}

/**
 * A start refused because a session is already open (two tabs pressed Start, say): where that session
 * is, said once in the refusal, in place of the start page's notice about the open session.
 */
export function alreadyOpenAdvice(where: 'other_tab' | 'running' | 'starting'): string {
  switch (where) {
    case 'other_tab':
      return 'It is running in another tab of this browser, and only one session can run at a time.';
    case 'running':
      return 'It is running elsewhere (another device, or a tab that has closed), and only one session can run at a time.';
    case 'starting':
      return 'Another tab is starting it at this moment, and only one session can run at a time. This page updates when it is ready.';
  }
}

/** The start page's first line while it knows nothing yet of the plan (the steps follow it). */
export const PREPARING_TEXT = 'Getting your reflection space ready:';

/** The call screen's first words, while this tab's start reserves the session and calls the replica. */
export const RESERVING_TEXT = 'Reserving your session, then calling the replica…';

/** Before the catalogue's words for a failed read or change of the user's settings. */
export const SETTINGS_FAILED_TEXT = 'Your settings could not be read or kept:';

/**
 * The folded "More options" line of the start page: what the session's language and recording are
 * set to (`recorded` undefined: the operator does not record).
 */
export function moreOptionsSummary(language: string, recorded: boolean | undefined): string {
  const recording = recorded === undefined ? '' : recorded ? ', recorded' : ', not recorded';
  return `More options: ${language}${recording}`;
}
export const MORE_OPTIONS_LOADING = 'Loading the options…';

/** What a failure says when the words that explain it could not be loaded (offline, say). */
export const WORDS_NOT_LOADED = {
  code: 'words_not_loaded',
  title: 'Something went wrong, and this page could not load the words that explain it.',
  advice: 'Check your connection and reload the page.',
} as const;
