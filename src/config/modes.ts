import type { AppConfig, ProxyConfig } from './schema.ts';

/** Narrows the whole configuration by its Tavus mode (TypeScript does not narrow by a nested field). */
export function isProxyConfig(config: AppConfig): config is ProxyConfig {
  return config.tavus.mode === 'proxy';
}
