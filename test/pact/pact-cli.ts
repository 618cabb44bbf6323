/**
 * `conformance pact …` as a child process through the same `main()` as the CLI (same program,
 * same exit-status mapping). Run as `node --import tsx test/pact/pact-cli.ts pact export …`.
 */
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv);
