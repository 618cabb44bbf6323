/**
 * `conformance pact …` as a child process, until `src/cli/main.ts` registers the subcommand:
 * the same program and exit-status mapping as `main()`, with `pact` added if it is missing.
 * Run as `node --import tsx test/pact/pact-cli.ts pact export …`.
 */
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/main.ts';
import { pactCommand } from '../../src/cli/commands/pact.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { KitError } from '../../src/errors/kit-error.ts';

const program = buildProgram();
if (!program.commands.some((c) => c.name() === 'pact')) program.addCommand(pactCommand());
try {
  await program.parseAsync(process.argv);
  process.exitCode = typeof process.exitCode === 'number' ? process.exitCode : EXIT.conformant;
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.conformant : EXIT.usage;
  else if (KitError.is(error)) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    process.exitCode = error.code === 'TARGET_UNREACHABLE' ? EXIT.unreachable : EXIT.usage;
  } else throw error;
}
