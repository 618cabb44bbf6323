/**
 * The `conformance` command line: one subcommand per file under `commands/`. Only the module of
 * the subcommand being run is imported (vitest, Pact, msw, undici and the simulator are heavy),
 * so `--help`, `--version`, usage errors and `list-rules` answer fast; see bench/cli-startup.ts.
 */
import { Command, CommanderError } from 'commander';
import { KitError } from '../errors/kit-error.ts';
import { KIT_PACKAGE } from '../kit-version.ts';
import { EXIT } from '../runner/exit-codes.ts';

const HELP_HINT = '(run with --help for usage and examples)';

/** Subcommand name → one-line summary (for the top-level help) and its lazily imported builder. */
const COMMANDS: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Command> }> = [
  { name: 'run', summary: 'Run the conformance suites against a target and write the reports.', load: async () => (await import('./commands/run.ts')).runCommand() },
  { name: 'serve', summary: 'Run the reference simulator of both services over HTTP.', load: async () => (await import('./commands/serve.ts')).serveCommand() },
  { name: 'list-rules', summary: 'List every rule of the catalogue: id, level, category and title.', load: async () => (await import('./commands/list-rules.ts')).listRulesCommand() },
  { name: 'replay', summary: 'Re-run exactly the failing case of one rule from a report.', load: async () => (await import('./commands/replay.ts')).replayCommand() },
  { name: 'merge', summary: 'Merge the JSON reports of a sharded run into one report.', load: async () => (await import('./commands/merge.ts')).mergeCommand() },
  { name: 'pact', summary: 'Pact contracts: export the cases as consumer pacts, verify a provider with them.', load: async () => (await import('./commands/pact.ts')).pactCommand() },
];

/** The subcommand `argv` names (the first argument that is not an option), if any. */
function requestedCommand(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

/**
 * Builds the program for `argv`: the requested subcommand in full, the others as one-line
 * entries for the top-level help. With `argv` absent every subcommand is loaded (tests).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('conformance')
    .description('Contract and conformance test kit for cloud "change instance password" APIs (Baidu BCC, Huawei DCS).')
    .version(KIT_PACKAGE.version, '-V, --version', 'print the kit version')
    .showHelpAfterError(HELP_HINT)
    .exitOverride();
  const wanted = argv ? requestedCommand(argv) : undefined;
  for (const entry of COMMANDS) {
    if (argv === undefined || entry.name === wanted) program.addCommand(await entry.load());
    else program.command(entry.name).description(entry.summary).helpOption(false).allowUnknownOption();
  }
  // Commander does not pass these down to added commands: every flag error must exit 2, not 1.
  const inherit = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().showHelpAfterError(HELP_HINT);
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs the CLI and returns the exit status instead of calling process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
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
