/** `conformance replay <report.json> <rule-id>`: re-runs exactly the failing case of a rule. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { KitError } from '../../errors/kit-error.ts';
import type { ConformanceReport } from '../../report/report-model.ts';
import { loadConfig } from '../../config/load-config.ts';
import { executeRun } from '../../runner/execute-run.ts';
import { capSuiteWorkerHeap } from '../../runner/worker-heap.ts';
import { writeReports } from '../../../reporters/index.ts';
import { resolvePlan } from '../../runner/run-plan.ts';
import { renderSummary } from '../terminal-output.ts';

/** Reads a report file, with errors that say what to pass instead. */
export function readReport(file: string): ConformanceReport {
  let report: ConformanceReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  } catch (e) {
    throw new KitError('USAGE', `Cannot read report ${file}: ${(e as Error).message}`, 'pass the conformance-report.json a run wrote (see --report-dir)');
  }
  const version = (report as { schemaVersion?: unknown }).schemaVersion;
  if (version === '1.0') throw new KitError('USAGE', `${file} was written by an older kit (report schema 1.0, without run status)`, 'run again with this kit version and pass the new conformance-report.json');
  if (version !== '1.1' || !Array.isArray(report.rules)) throw new KitError('USAGE', `${file} is not a conformance report (schemaVersion 1.1)`, 'pass the conformance-report.json a run wrote');
  return report;
}

/** Builds the `replay` subcommand. */
export function replayCommand(): Command {
  return new Command('replay')
    .description('Re-run exactly the failing case of one rule from a report (same target, seed and shrink path).')
    .argument('<report>', 'conformance-report.json of the run')
    .argument('<rule>', 'rule id, e.g. DCS-LOCK-SEQUENCES')
    .option('--report-dir <dir>', 'where the replay report goes (default: replay/ next to the report)')
    .option('--config <file>', 'config file for credentials of a URL target (a conformance.config.ts in the current directory is not read: the report holds the run)')
    .addHelpText('after', `
Examples:
  $ npx conformance replay conformance-report/conformance-report.json BCC-PWD-LENGTH
Exit status: 1 when the failure reproduces, 0 when the case now passes.`)
    .action(async (file: string, ruleId: string, opts: { reportDir?: string; config?: string }) => {
      const report = readReport(file);
      const rule = report.rules.find((r) => r.id === ruleId);
      if (!rule) throw new KitError('USAGE', `Rule ${ruleId} is not in ${file}`, `use one of the failing rules: ${report.rules.filter((r) => r.replay).map((r) => r.id).join(', ') || '(none failed)'}`);
      if (!rule.replay) throw new KitError('USAGE', `Rule ${ruleId} has no failing case to replay (verdict ${rule.verdict})`, `replay a rule whose verdict is fail: ${report.rules.filter((r) => r.replay).map((r) => r.id).join(', ') || '(none failed)'}`);
      const inv = report.invocation;
      // The report says how the run was made; a config lying in the cwd belongs to another project.
      const { config } = opts.config ? await loadConfig(opts.config) : { config: {} };
      const plan = resolvePlan(
        { service: rule.service, target: inv.client ? undefined : inv.target, stateUrl: inv.stateUrl, client: inv.client, seed: String(report.seed), rules: ruleId, reportDir: opts.reportDir ?? join(dirname(resolve(file)), 'replay'), format: 'json', failOn: inv.failOn, variant: inv.variants, fault: inv.faults },
        config,
      );
      plan.settings.replay = { rule: ruleId, property: rule.replay.property, seed: rule.replay.seed, path: rule.replay.path, replayPath: rule.replay.replayPath };
      process.stdout.write(`replaying ${ruleId} (${rule.replay.property}) on ${plan.target.name}: seed ${rule.replay.seed}, path ${rule.replay.path ?? '-'}\n`);
      capSuiteWorkerHeap(plan.settings.runs); // this process exists to run the suites (worker-heap.ts)
      const { report: again, exitCode } = await executeRun(plan, { writeReports });
      const result = again.rules.find((r) => r.id === ruleId)!;
      process.stdout.write(renderSummary(again, process.stdout));
      if (again.runStatus !== 'complete') {
        // Not run is not "not reproduced": the case could not be tried.
        process.stdout.write(`not replayed: ${again.runStatusReason ?? again.runStatus}\n`);
        process.exitCode = exitCode;
      } else if (result.verdict === 'fail') {
        process.stdout.write(`reproduced: ${result.reason}\n`);
        for (const step of result.counterexample?.transcript ?? []) process.stdout.write(`  ${step.label}: ${step.request.method} ${step.request.url} → ${step.response?.status ?? '-'} ${step.response?.body ?? ''}\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`not reproduced: ${ruleId} is now ${result.verdict}\n`);
        process.exitCode = 0;
      }
    });
}
