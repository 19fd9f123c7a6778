import { loadEnv, type Plugin } from 'vite';
import { resolveConfig } from './resolve.ts';

export const CONFIG_MODULE_ID = 'virtual:awaknow-config';
const RESOLVED_ID = `\0${CONFIG_MODULE_ID}`;

/**
 * Settings are parsed with zod once, when Vite starts or builds, and the app imports the result.
 * The parser never ships to the browser (it would cost the first load), and only the settings the
 * resolved mode uses reach the bundle: a key set beside VITE_TAVUS_MODE=mock is not inlined.
 */
export function awaknowConfig(): Plugin {
  let env: Record<string, string> = {};
  return {
    name: 'awaknow-config',
    configResolved(config) {
      env = loadEnv(config.mode, config.envDir || config.root, 'VITE_');
    },
    resolveId(id) {
      return id === CONFIG_MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return `export default ${JSON.stringify(resolveConfig(env))};`;
    },
  };
}
