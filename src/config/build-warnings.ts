import type { Rolldown } from 'vite';

/**
 * The warnings `vite build` prints about PGlite's own files (@electric-sql/pglite 0.5, an Emscripten
 * build of Postgres), each known and harmless for this app; every other warning is printed as
 * before. test/build/build-warnings.test.ts fails when the build prints one that is not here.
 */
const PGLITE_FILE = /[\\/]node_modules[\\/]@electric-sql[\\/]pglite[\\/]/;

/** What each silenced warning is, and why it does not matter. */
export const PGLITE_WARNINGS = [
  {
    // Emscripten's start-up does `if (ENVIRONMENT_IS_NODE) { const { createRequire } = await import('node:module') … }`:
    // the import runs only under Node, never in a browser or its worker, so Vite's empty stand-in
    // for node:module is never touched.
    what: 'node:module externalized for browser compatibility',
    matches: (log: Rolldown.RolldownLog) =>
      log.plugin === 'rolldown:vite-resolve' &&
      /^Module "node:module" has been externalized for browser compatibility, imported by "[^"]*"/.test(log.message) &&
      PGLITE_FILE.test(log.message),
  },
  {
    // Emscripten's dynamic linker turns the EM_ASM / EM_JS snippets of the Postgres extensions it
    // loads into functions with a direct eval of their text: the way PGlite loads extensions. The
    // bundler keeps the names in that scope unminified (the "issues with minification" it warns of),
    // so the code runs as PGlite ships it.
    what: 'direct eval in the Emscripten dynamic linker',
    matches: (log: Rolldown.RolldownLog) => log.code === 'EVAL' && PGLITE_FILE.test(log.id ?? ''),
  },
] as const;

/** `build.rolldownOptions.onwarn`: drops exactly PGlite's known warnings, hands on the rest. */
export function withoutPgliteWarnings(
  log: Rolldown.RolldownLog,
  warn: (log: Rolldown.RolldownLogWithString | (() => Rolldown.RolldownLogWithString)) => void,
): void {
  if (PGLITE_WARNINGS.some((known) => known.matches(log))) return;
  warn(log);
}
