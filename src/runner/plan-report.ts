/**
 * The report of one run of a {@link RunPlan}: {@link buildReport} with every field the plan fixes
 * (contracts, target, seed, runs, rule selection, fail-on, expected failures, shard, invocation,
 * the report file its replay commands name),
 * so the CLI's run and the kit's own in-process runs build their reports the same way.
 */
import { ruleSelected } from '../contract/rule-globs.ts';
import { resolve } from 'node:path';
import type { ConformanceReport } from '../report/report-model.ts';
import { JSON_REPORT_FILE } from '../report/replay-command.ts';
import { buildReport, type BuildReportInput } from './build-report.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import type { RunPlan } from './run-plan.ts';

/** What a run adds to its plan: when it started, how it ended, the faults it met, the tool's version. */
export type RunFacts = Pick<BuildReportInput, 'startedAt' | 'runStatus' | 'runStatusReason' | 'faults' | 'toolVersion'>;

/** Builds the report of `outcomes` from a run of `plan`; its duration runs from `run.startedAt` to now. */
export function reportOfPlan(plan: RunPlan, outcomes: RuleOutcome[], run: RunFacts): ConformanceReport {
  return buildReport({
    contracts: plan.contracts,
    outcomes,
    target: plan.target,
    seed: plan.settings.seed,
    runs: plan.settings.runs,
    ruleFilter: (id) => ruleSelected(id, plan.settings.rules),
    durationMs: Date.now() - run.startedAt.getTime(),
    failOn: plan.failOn,
    expectedFailures: plan.expectedFailures,
    shard: plan.shardInfo,
    invocation: plan.invocation,
    // The plan says where the report goes, so its replay commands can name the file (on stdout: no file to name).
    reportFile: plan.reportToStdout ? undefined : resolve(plan.reportDir, JSON_REPORT_FILE),
    ...run,
  });
}
