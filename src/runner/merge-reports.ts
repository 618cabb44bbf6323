/**
 * Merges the reports of a sharded run (`conformance run --shard i/n` on n machines) into one:
 * each rule takes its verdict from the shards that ran it. The merge knows how many shards
 * there were: a missing one makes the run `incomplete-shards`, never conformant. The result
 * does not depend on the order the reports are given in.
 */
import { KitError } from '../errors/kit-error.ts';
import { type ConformanceReport, type RuleResult, type RunStatus, type Verdict } from '../report/report-model.ts';
import { mergeObservations } from './group-observations.ts';
import { summarise } from '../report/summarise.ts';

/** When shards of one rule disagree, the verdict first in this list wins (skip only when every shard skipped). */
const MERGE_RANK: readonly Verdict[] = ['fail', 'expected-fail', 'ambiguous', 'pass', 'skip', 'not-run'];

/** Which run status of the shards the merge keeps, worst first. */
const STATUS_RANK: readonly RunStatus[] = ['target-unreachable', 'state-endpoint-fault', 'interrupted', 'incomplete-shards', 'complete'];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function mergeRule(results: RuleResult[]): RuleResult {
  const best = [...results].sort((a, b) => MERGE_RANK.indexOf(a.verdict) - MERGE_RANK.indexOf(b.verdict) || cmp(a.reason, b.reason))[0]!;
  const ran = results.filter((r) => r.verdict !== 'not-run');
  return { ...best, cases: ran.reduce((n, r) => n + r.cases, 0), durationMs: ran.reduce((n, r) => n + r.durationMs, 0) };
}

/** Checks that the reports are shards of one run and says which shard indexes are missing. */
function shardCoverage(reports: readonly ConformanceReport[]): { count: number; missing: number[] } {
  const counts = new Set(reports.map((r) => r.shard?.count ?? 1));
  if (counts.size > 1) throw new KitError('USAGE', `Reports come from runs with different shard counts (${[...counts].map((c) => `${c}`).join(', ')}; an unsharded report counts as 1)`, 'merge the reports of one sharded run: every shard run with the same --shard i/n count');
  const count = [...counts][0]!;
  const present = new Set(reports.map((r) => r.shard?.index ?? 1));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
  return { count, missing };
}

/** Merges shard reports of the same target and seed. */
export function mergeReports(input: readonly ConformanceReport[]): ConformanceReport {
  // Shard order, whatever order the files were given in.
  const reports = [...input].sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1) || cmp(a.startedAt, b.startedAt));
  const [first] = reports;
  if (!first) throw new KitError('USAGE', 'No reports to merge', 'pass the conformance-report.json of every shard');
  for (const r of reports) {
    if (r.schemaVersion !== first.schemaVersion) throw new KitError('USAGE', `Report schema versions differ (${r.schemaVersion} vs ${first.schemaVersion})`, 'merge reports written by the same kit version');
    if (r.target.name !== first.target.name || r.seed !== first.seed) throw new KitError('USAGE', `Reports come from different runs (target ${r.target.name} seed ${r.seed} vs ${first.target.name} seed ${first.seed})`, 'merge only the shards of one run: same --target and --seed on every shard');
  }
  const { count, missing } = shardCoverage(reports);
  const byRule = new Map<string, RuleResult[]>();
  for (const report of reports) for (const rule of report.rules) byRule.set(rule.id, [...(byRule.get(rule.id) ?? []), rule]);
  const rules = [...byRule.values()].map(mergeRule);
  const shardStatus = STATUS_RANK.find((s) => reports.some((r) => r.runStatus === s)) ?? 'complete';
  const runStatus: RunStatus = shardStatus === 'complete' && missing.length > 0 ? 'incomplete-shards' : shardStatus;
  const reasons = [
    ...(missing.length ? [`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing: merge the report of every shard`] : []),
    ...reports.filter((r) => r.runStatus !== 'complete').map((r) => `shard ${r.shard?.index ?? 1}/${count} ${r.runStatus}${r.runStatusReason ? `: ${r.runStatusReason}` : ''}`),
  ];
  const starts = reports.map((r) => Date.parse(r.startedAt));
  const merged: ConformanceReport = {
    ...first,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    durationMs: Math.max(...reports.map((r) => Date.parse(r.startedAt) + r.durationMs)) - Math.min(...starts),
    interrupted: runStatus === 'interrupted',
    runStatus,
    rules,
    summary: summarise(rules, first.summary.failOn, runStatus, { maxSkip: first.invocation.maxSkip, requireRules: first.invocation.requireRules }),
    timelines: reports.flatMap((r) => r.timelines),
    expectedFailureNotes: [...new Set(reports.flatMap((r) => r.expectedFailureNotes))],
    observations: mergeObservations(reports.flatMap((r) => r.observations)),
    faults: [...new Set(reports.flatMap((r) => r.faults))],
    restorations: reports.flatMap((r) => r.restorations),
  };
  delete merged.shard;
  delete merged.runStatusReason;
  if (reasons.length) merged.runStatusReason = reasons.join('; ');
  return merged;
}
