#!/usr/bin/env node
// The installed package runs its compiled JavaScript (dist/); a checkout of the repository has
// no dist/ in the package sense and runs the TypeScript sources through tsx. Only the checkout
// registers tsx for the whole process; the package loads users' .ts modules through tsx's scoped
// tsImport (src/clients/import-user-module.ts), so startup stays light.
import { existsSync } from 'node:fs';

// `conformance list-rules | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  // The package's own names (used by the example adapters) resolve to these sources, not to a dist/.
  (await import('node:module')).register('../src/checkout-hooks.mjs', import.meta.url);
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/src/cli/main.js'));
}
process.exitCode = await main(process.argv);
