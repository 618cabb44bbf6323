/** `conformance merge`: one report from the reports of a sharded run. */
import { Command } from 'commander';
import { parseFormats, writeReports } from '../../../reporters/index.ts';
import { mergeReports } from '../../runner/merge-reports.ts';
import { EXIT } from '../../runner/exit-codes.ts';
import { renderSummary } from '../terminal-output.ts';
import { readReport } from './replay.ts';

/** Builds the `merge` subcommand. */
export function mergeCommand(): Command {
  return new Command('merge')
    .description('Merge the JSON reports of a sharded run (run --shard i/n on each machine) into one report; names the shards that are missing.')
    .argument('<reports...>', 'the conformance-report.json of every shard')
    .option('--report-dir <dir>', 'where the merged reports go', 'conformance-report')
    .option('--format <list>', 'any of json,junit,md,html', 'json,junit,md,html')
    .addHelpText('after', `
Examples:
  $ npx conformance run --shard 1/2 --seed 7 --report-dir shard-1   # machine 1
  $ npx conformance run --shard 2/2 --seed 7 --report-dir shard-2   # machine 2
  $ npx conformance merge shard-1/conformance-report.json shard-2/conformance-report.json
Exit status: 0 conformant, 1 not conformant or shards missing, 2 usage error, 3 a shard could not reach its target,
130 a shard was interrupted.`)
    .action(async (files: string[], opts: { reportDir: string; format: string }) => {
      // A bad list is a usage error (exit 2) naming --format and the formats, before any report is read.
      const formats = parseFormats(opts.format);
      const merged = mergeReports(files.map(readReport));
      const written = await writeReports(merged, opts.reportDir, formats);
      process.stdout.write(renderSummary(merged, process.stdout));
      process.stdout.write(`reports: ${written.join(', ')}\n`);
      const byStatus: Partial<Record<typeof merged.runStatus, number>> = { 'target-unreachable': EXIT.unreachable, 'state-endpoint-fault': EXIT.unreachable, interrupted: EXIT.interrupted };
      process.exitCode = byStatus[merged.runStatus] ?? (merged.summary.conformant ? EXIT.conformant : EXIT.nonConformant);
    });
}
