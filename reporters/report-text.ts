/** Wording and ordering shared by the human-readable reporters (JUnit, Markdown, HTML). */
import { JUDGED_VERDICTS, VERDICTS, type ConformanceReport, type RuleResult, type RunStatus, type Verdict } from '../src/report/report-model.ts';

/** A rule with its index in `report.rules` (the HTML page keys rows by it). */
export interface IndexedRule {
  rule: RuleResult;
  index: number;
}

/** Rules in display order: by verdict as in `VERDICTS` (failures first), then as reported. */
export function rulesForDisplay(rules: readonly RuleResult[]): IndexedRule[] {
  const rank = (v: Verdict): number => VERDICTS.indexOf(v);
  return rules.map((rule, index) => ({ rule, index })).sort((a, b) => rank(a.rule.verdict) - rank(b.rule.verdict) || a.index - b.index);
}

/** Services in report order, plus any a rule names that `report.services` lacks. */
export function servicesOf(report: ConformanceReport): string[] {
  const out = [...report.services];
  for (const r of report.rules) if (!out.includes(r.service)) out.push(r.service);
  return out;
}

/** `850 ms`, `14.3 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Human label of a verdict, for tables and badges. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  fail: 'fail',
  'expected-fail': 'expected fail',
  ambiguous: 'ambiguous',
  'not-run': 'not run',
  skip: 'skip',
  pass: 'pass',
};

/** The run's outcome in one label: `ok` only for a conformant run, `bad` for a judged non-conformant one, `none` otherwise. */
export interface RunOutcome {
  /** Uppercase label for terminals, e.g. `CONFORMANT`, `NO VERDICT — target unreachable`. */
  label: string;
  /** Sentence-case label for documents, e.g. `Conformant`, `No verdict — target unreachable`. */
  text: string;
  kind: 'ok' | 'bad' | 'none';
}

const NOT_COMPLETE: Readonly<Record<Exclude<RunStatus, 'complete'>, [string, string]>> = {
  'target-unreachable': ['NO VERDICT', 'target unreachable'],
  'state-endpoint-fault': ['NO VERDICT', 'state endpoint fault'],
  interrupted: ['INCOMPLETE', 'interrupted'],
  'incomplete-shards': ['INCOMPLETE', 'shards missing'],
};

/**
 * What the run amounts to. Never green on nothing: a run that is not complete, or judged no
 * rule, gets `NO VERDICT` / `INCOMPLETE`, never the word conformant.
 */
export function outcomeOf(report: ConformanceReport): RunOutcome {
  const make = (head: string, why: string, kind: RunOutcome['kind']): RunOutcome => {
    const text = head.charAt(0) + head.slice(1).toLowerCase();
    return { label: why ? `${head} — ${why}` : head, text: why ? `${text} — ${why}` : text, kind };
  };
  const status = report.runStatus ?? 'complete';
  if (status !== 'complete') {
    const [head, why] = NOT_COMPLETE[status];
    return make(head, why, 'none');
  }
  const judged = report.rules.filter((r) => JUDGED_VERDICTS.includes(r.verdict)).length;
  if (judged === 0) return make('NO VERDICT', 'no rule was judged', 'none');
  if (report.summary.conformant) return make('CONFORMANT', report.shard ? `shard ${report.shard.index} of ${report.shard.count} only` : '', 'ok');
  const counted = report.rules.some((r) => r.verdict === 'fail' && (report.summary.failOn === 'should' || (report.summary.failOn === 'must' && r.level === 'MUST')));
  const unrun = report.shard ? 0 : report.summary['not-run'];
  // Nothing failed, but rules that should have run did not: unknown is not conformant, nor a failure.
  if (!counted && !report.summary.gateFailures?.length && unrun > 0) return make('INCOMPLETE', `${unrun} rule${unrun > 1 ? 's' : ''} not run`, 'none');
  return make('NOT CONFORMANT', '', 'bad');
}

/** `MUST rules judged: 30 of 35 (86%)` — how much of what matters the run actually checked. */
export function judgedLine(report: ConformanceReport): string {
  const { judged, total } = report.summary.mustJudged ?? { judged: 0, total: 0 };
  return `MUST rules judged: ${judged} of ${total}${total ? ` (${Math.round((judged / total) * 100)}%)` : ''}`;
}

/** One line: conformant or not, and why, e.g. `Not conformant: 2 MUST failures of 23 rules (fail-on: must)`. */
export function verdictLine(report: ConformanceReport): string {
  const { summary } = report;
  const failing = report.rules.filter((r) => r.verdict === 'fail');
  const must = failing.filter((r) => r.level === 'MUST').length;
  const should = failing.length - must;
  const parts = [must ? `${must} MUST` : '', should ? `${should} SHOULD` : ''].filter(Boolean).join(' and ');
  const failures = failing.length === 1 ? 'failure' : 'failures';
  const outcome = outcomeOf(report);
  const detail = failing.length ? `${parts} ${failures}` : 'no failures';
  const notRun = summary['not-run'] ? `, ${summary['not-run']} not run` : '';
  const why = report.runStatusReason ? ` — ${report.runStatusReason}` : '';
  const gates = summary.gateFailures?.length ? ` — CI gate not met: ${summary.gateFailures.join('; ')}` : '';
  return `${outcome.text}: ${detail}${notRun} of ${summary.total} rules (fail-on: ${summary.failOn})${why}${gates}`;
}

/** What the `reason` of a rule means for its verdict, as a label. */
export function reasonLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'fail': return 'Failure';
    case 'skip': return 'Skipped because';
    case 'not-run': return 'Not run because';
    case 'ambiguous': return 'Reading';
    case 'expected-fail': return 'Expected failure';
    case 'pass': return 'Result';
  }
}
