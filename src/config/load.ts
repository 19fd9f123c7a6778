import resolved from 'virtual:awaknow-config';
import type { ConfigResult } from './resolve';

/** The settings as resolved when the app was built (or when the dev server started). */
export function loadConfig(): ConfigResult {
  return resolved;
}
