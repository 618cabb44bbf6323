/**
 * The summary of a report: counts per verdict, the share of MUST rules judged, CI gates, and the
 * conformance decision. Never green on nothing: only a complete run that judged at least one
 * rule can be conformant.
 */
import { JUDGED_VERDICTS, VERDICTS, type ReportSummary, type RuleResult, type RunStatus, type Verdict } from './report-model.ts';
import { gateFailures, type CiGates } from './ci-gates.ts';

/**
 * Counts per verdict and the conformance decision under `failOn`, for a run of status
 * `runStatus`. A `not-run` rule in a complete run (a suite file that failed to load, say) leaves
 * the run unjudged, so not conformant — except in one shard, whose other rules run elsewhere.
 */
export function summarise(rules: readonly RuleResult[], failOn: 'must' | 'should' | 'none', runStatus: RunStatus, gates: CiGates = {}, shard = false): ReportSummary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, rules.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
  const counted = rules.filter((r) => r.verdict === 'fail' && (failOn === 'should' || (failOn === 'must' && r.level === 'MUST')));
  const judged = rules.filter((r) => JUDGED_VERDICTS.includes(r.verdict));
  const must = rules.filter((r) => r.level === 'MUST');
  const gated = gateFailures(rules, gates);
  const unrun = shard ? 0 : counts['not-run'];
  const conformant = runStatus === 'complete' && judged.length > 0 && unrun === 0 && gated.length === 0 && (failOn === 'none' || counted.length === 0);
  return {
    ...counts,
    total: rules.length,
    mustJudged: { judged: must.filter((r) => JUDGED_VERDICTS.includes(r.verdict)).length, total: must.length },
    conformant,
    failOn,
    ...(gated.length ? { gateFailures: gated } : {}),
  };
}
