/** The `conformance` command line: one subcommand per file under `commands/`. */
import { Command, CommanderError } from 'commander';
import { KitError } from '../errors/kit-error.ts';
import { EXIT } from './exit-codes.ts';
import { serveCommand } from './commands/serve.ts';
import { listRulesCommand } from './commands/list-rules.ts';
import { runCommand } from './commands/run.ts';
import { replayCommand } from './commands/replay.ts';
import { mergeCommand } from './commands/merge.ts';
import { pactCommand } from './commands/pact.ts';

/** Builds the program; exported for tests. */
export function buildProgram(): Command {
  const program = new Command('conformance')
    .description('Contract and conformance test kit for cloud "change instance password" APIs (Baidu BCC, Huawei DCS).')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride();
  program.addCommand(runCommand(), { isDefault: false });
  program.addCommand(serveCommand());
  program.addCommand(listRulesCommand());
  program.addCommand(replayCommand());
  program.addCommand(mergeCommand());
  program.addCommand(pactCommand());
  // Commander does not pass these down to added commands: every flag error must exit 2, not 1.
  const inherit = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().showHelpAfterError('(run with --help for usage and examples)');
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs the CLI and returns the exit status instead of calling process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.conformant;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return error.exitCode === 0 ? EXIT.conformant : EXIT.usage;
    }
    if (KitError.is(error)) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      return error.code === 'TARGET_UNREACHABLE' ? EXIT.unreachable : EXIT.usage;
    }
    throw error;
  }
}
