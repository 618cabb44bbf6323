/**
 * Merges the reports of a sharded run (`conformance run --shard i/n` on n machines) into one:
 * each rule takes its verdict from the shard that ran it.
 */
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceReport, RuleResult } from '../report/report-model.ts';
import { NOT_RUN, summarise } from './build-report.ts';

/** Merges shard reports of the same target and seed. */
export function mergeReports(reports: readonly ConformanceReport[]): ConformanceReport {
  const [first] = reports;
  if (!first) throw new KitError('USAGE', 'No reports to merge', 'pass the conformance-report.json of every shard');
  for (const r of reports) {
    if (r.schemaVersion !== first.schemaVersion) throw new KitError('USAGE', `Report schema versions differ (${r.schemaVersion} vs ${first.schemaVersion})`, 'merge reports written by the same kit version');
    if (r.target.name !== first.target.name || r.seed !== first.seed) throw new KitError('USAGE', `Reports come from different runs (target ${r.target.name} seed ${r.seed} vs ${first.target.name} seed ${first.seed})`, 'merge only the shards of one run: same --target and --seed on every shard');
  }
  const merged = new Map<string, RuleResult>();
  for (const report of reports) {
    for (const rule of report.rules) {
      const seen = merged.get(rule.id);
      const ran = !rule.reason.startsWith(NOT_RUN);
      if (!seen || (seen.reason.startsWith(NOT_RUN) && ran)) merged.set(rule.id, rule);
      else if (ran && !seen.reason.startsWith(NOT_RUN)) {
        // Both shards ran it (the rule spans files): the worse verdict wins, cases add up.
        const worse = rule.verdict === 'fail' || (seen.verdict !== 'fail' && rule.verdict === 'skip' && seen.verdict === 'pass') ? rule : seen;
        merged.set(rule.id, { ...worse, cases: seen.cases + rule.cases, durationMs: seen.durationMs + rule.durationMs });
      }
    }
  }
  const rules = first.rules.map((r) => merged.get(r.id)!).concat([...merged.values()].filter((r) => !first.rules.some((f) => f.id === r.id)));
  const starts = reports.map((r) => Date.parse(r.startedAt));
  return {
    ...first,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    durationMs: Math.max(...reports.map((r) => Date.parse(r.startedAt) + r.durationMs)) - Math.min(...starts),
    interrupted: reports.some((r) => r.interrupted),
    rules,
    summary: summarise(rules, first.summary.failOn),
    timelines: reports.flatMap((r) => r.timelines),
    expectedFailureNotes: [...new Set(reports.flatMap((r) => r.expectedFailureNotes))],
    faults: reports.flatMap((r) => r.faults),
  };
}
