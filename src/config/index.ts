export type { AppConfig, TavusMode, DataMode, SettingIssue } from './schema';
export type { ConfigResult } from './resolve';
export { resolveConfig } from './resolve';
