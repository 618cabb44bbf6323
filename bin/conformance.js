#!/usr/bin/env node
// The installed package runs its compiled JavaScript (dist/). A checkout of the repository runs a
// compiled build of its own sources, laid out as dist/ and kept in
// node_modules/.cache/pwchange-conformance/build/<content key>/ (scripts/checkout-build/), built
// on first use and after any change to what it is made of: the same code paths as the package,
// about 190 MB less memory than running the TypeScript through tsx. Where no build can be made
// (a syntax error in a source being edited, no TypeScript, a read-only node_modules), or with
// CONFORMANCE_FROM_SOURCE=1, the checkout runs its TypeScript sources through tsx. Users' .ts
// modules load through tsx's scoped tsImport either way (src/clients/import-user-module.ts).
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `conformance list-rules | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  ({ main } = await checkoutMain());
} else {
  ({ main } = await import('../dist/src/cli/main.js'));
}
process.exitCode = await main(process.argv);

/** The checkout's CLI entry: from its compiled build, else (saying why) from its sources through tsx. */
async function checkoutMain() {
  const fromSource = process.env.CONFORMANCE_FROM_SOURCE ?? '';
  if (!['', '0', '1'].includes(fromSource)) {
    process.stderr.write(`conformance: CONFORMANCE_FROM_SOURCE must be 1 (run the TypeScript sources through tsx) or 0 or unset (run a compiled build of them), not "${fromSource}"\n`);
    process.exit(2);
  }
  if (fromSource !== '1') {
    const { checkoutBuild } = await import('../scripts/checkout-build/cache.mjs');
    const build = await checkoutBuild(fileURLToPath(new URL('..', import.meta.url))).catch((error) => ({ reason: `the build cache failed (${error?.message ?? error}); please report it` }));
    if (build.dir) {
      // Its real path (node_modules may be a link), as Node names the modules it loads from there.
      const root = pathToFileURL(`${realpathSync(build.dir)}/`).href;
      // The package's own names (used by the example adapters) resolve to this build, not to a
      // dist/: src/clients/import-user-module.ts registers these hooks when a user's module loads.
      process.env.CONFORMANCE_CHECKOUT_HOOKS = JSON.stringify({ hooks: new URL('../src/checkout-hooks.mjs', import.meta.url).href, root });
      return import(new URL('src/cli/main.js', root).href);
    }
    process.stderr.write(`conformance: running the TypeScript sources through tsx (slower, more memory) because no compiled build could be made: ${build.reason} (CONFORMANCE_FROM_SOURCE=1 skips the build)\n`);
  }
  (await import('tsx/esm/api')).register();
  // The package's own names (used by the example adapters) resolve to these sources, not to a dist/.
  (await import('node:module')).register('../src/checkout-hooks.mjs', import.meta.url);
  return import(sources.href);
}
