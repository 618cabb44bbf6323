#!/usr/bin/env node
// The kit is TypeScript end to end; tsx compiles it (and users' adapter modules) on load.
import { register } from 'tsx/esm/api';

register();
// `conformance list-rules | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
