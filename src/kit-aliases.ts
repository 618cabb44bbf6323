/**
 * The package's own import names mapped to its sources, for a checkout of the repository: the
 * examples import `pwchange-conformance/client` (or its older alias `/adapter`) as a user's project does, and vitest (tests and
 * `runSuites` from `src/`) resolves those names with this alias. The built package needs none.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** vite `resolve.alias` entries: package import name → source file (exact matches only). */
export const SOURCE_ALIASES = [
  { find: /^pwchange-conformance\/client$/, replacement: resolve(root, 'src/clients/client.ts') },
  { find: /^pwchange-conformance\/adapter$/, replacement: resolve(root, 'src/clients/client.ts') },
  { find: /^pwchange-conformance\/config$/, replacement: resolve(root, 'src/config/define-config.ts') },
  { find: /^pwchange-conformance$/, replacement: resolve(root, 'src/index.ts') },
];
