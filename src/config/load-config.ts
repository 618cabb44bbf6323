/** Finds, imports and checks `conformance.config.ts` (or the file `--config` names). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { importUserModule } from '../clients/import-user-module.ts';
import { KitError } from '../errors/kit-error.ts';
import { CONFIG_KEYS, type ConformanceConfig } from './define-config.ts';

/** File names looked for in the working directory, in order. */
export const CONFIG_FILES = ['conformance.config.ts', 'conformance.config.mjs', 'conformance.config.js'];

/** Loads the config; an absent default file is an empty config, an absent named file an error. */
export async function loadConfig(explicit: string | undefined, cwd = process.cwd()): Promise<{ config: ConformanceConfig; file?: string }> {
  const file = explicit ? resolve(cwd, explicit) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {} };
  if (!existsSync(file)) throw new KitError('CONFIG_INVALID', `Config file ${file} does not exist`, 'check the --config path, or create it with `export default defineConfig({ ... })`');
  let mod: { default?: unknown };
  try {
    mod = await importUserModule(file);
  } catch (e) {
    throw new KitError('CONFIG_INVALID', `Config file ${file} failed to load: ${(e as Error).message}`, 'fix the error above; the file must `export default defineConfig({ ... })`', { cause: e });
  }
  let config = mod.default;
  // A CommonJS project compiles the file to CommonJS: the ESM default arrives one level down.
  if (typeof config === 'object' && config !== null && 'default' in config && Object.keys(config).every((k) => k === 'default' || k === '__esModule')) config = (config as { default: unknown }).default;
  if (typeof config !== 'object' || config === null) throw new KitError('CONFIG_INVALID', `Config file ${file} has no default export object`, "add `export default defineConfig({ target: 'simulator' })`");
  const unknown = Object.keys(config).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new KitError('CONFIG_INVALID', `Config file ${file} has unknown key(s): ${unknown.join(', ')}`, `use only: ${CONFIG_KEYS.join(', ')}`);
  return { config: config as ConformanceConfig, file };
}
