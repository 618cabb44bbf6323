/** The kit's own package.json, found from the checkout (`src/`) or the built package (`dist/src/`). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The package's name and version, as published. */
export const KIT_PACKAGE = ((): { name: string; version: string } => {
  const file = [resolve(here, '../package.json'), resolve(here, '../../package.json')].find((f) => existsSync(f) && (JSON.parse(readFileSync(f, 'utf8')) as { name?: string }).name === 'pwchange-conformance');
  if (!file) throw new Error(`pwchange-conformance: package.json not found above ${here}; reinstall the package`);
  return JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
})();
