import { resolveConfig, type ConfigResult } from './resolve';

export type { AppConfig, TavusMode, DataMode, SettingIssue } from './schema';
export { resolveConfig } from './resolve';

/** The one read of import.meta.env in the app. */
export function loadConfig(): ConfigResult {
  return resolveConfig(import.meta.env as unknown as Record<string, unknown>);
}
