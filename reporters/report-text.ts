/** Wording and ordering shared by the human-readable reporters (JUnit, Markdown, HTML). */
import { VERDICTS, type ConformanceReport, type RuleResult, type Verdict } from '../src/report/report-model.ts';

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
  skip: 'skip',
  'not-run': 'not run',
  pass: 'pass',
};

/** One line: conformant or not, and why, e.g. `Not conformant: 2 MUST failures of 23 rules (fail-on: must)`. */
export function verdictLine(report: ConformanceReport): string {
  const { summary } = report;
  const failing = report.rules.filter((r) => r.verdict === 'fail');
  const must = failing.filter((r) => r.level === 'MUST').length;
  const should = failing.length - must;
  const parts = [must ? `${must} MUST` : '', should ? `${should} SHOULD` : ''].filter(Boolean).join(' and ');
  const failures = failing.length === 1 ? 'failure' : 'failures';
  const head = summary.conformant ? 'Conformant' : 'Not conformant';
  const detail = failing.length ? `${parts} ${failures}` : 'no failures';
  const partial = report.interrupted ? ' — run interrupted, report is partial' : '';
  return `${head}: ${detail} of ${summary.total} rules (fail-on: ${summary.failOn})${partial}`;
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
