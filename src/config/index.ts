export type { AppConfig, TavusConfig, DataConfig, SupabaseData, ProxyConfig, TavusMode, DataMode, SettingIssue } from './schema';
export type { ConfigResult } from './resolve';
export { resolveConfig } from './resolve';
