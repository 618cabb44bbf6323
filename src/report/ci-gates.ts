/**
 * CI gates on top of the verdicts: `--max-skip <n|n%>` (too many rules skipped or not run) and
 * `--require-rules <globs>` (rules that must have been judged). A gate that is not met makes
 * the run non-conformant (exit 1) and says why in the summary.
 */
import { KitError } from '../errors/kit-error.ts';
import { JUDGED_VERDICTS, type RuleResult } from './report-model.ts';
import { ruleSelected } from '../contract/rule-globs.ts';

/** The gates of one run, as stored in the report's invocation (so `merge` applies them again). */
export interface CiGates {
  /** `"10"` (rules) or `"10%"` (of the rules in the report). */
  maxSkip?: string;
  /** Rule id globs; each matching rule must be judged, and each glob must match a rule. */
  requireRules?: string[];
}

/** Checks a `--max-skip` value (`n` or `n%`, n a whole number; % at most 100); returns it normalised. */
export function parseMaxSkip(value: string | number): string {
  const text = String(value).trim();
  const m = /^(\d+)(%?)$/.exec(text);
  if (!m || (m[2] === '%' && Number(m[1]) > 100)) {
    throw new KitError('USAGE', `--max-skip "${text}" is neither a number of rules nor a percentage`, 'give a whole number of rules (--max-skip 5) or a share of the rules from 0% to 100% (--max-skip 10%); config key maxSkip takes the same');
  }
  return `${Number(m[1])}${m[2]}`;
}

/** Splits and checks `--require-rules` (comma-separated globs such as `DCS-LOCK-*`). */
export function parseRequireRules(value: string | readonly string[]): string[] {
  const globs = (typeof value === 'string' ? value.split(',') : [...value]).map((g) => String(g).trim()).filter(Boolean);
  if (globs.length === 0) throw new KitError('USAGE', '--require-rules is empty', 'name rule id globs, e.g. --require-rules "DCS-LOCK-*,BCC-PWD-LENGTH" (see `conformance list-rules`)');
  for (const g of globs) {
    if (!/^[A-Za-z0-9*_-]+$/.test(g)) throw new KitError('USAGE', `--require-rules "${g}" is not a rule id glob`, 'use rule ids with * as the only wildcard, e.g. DCS-LOCK-* (see `conformance list-rules`)');
  }
  return globs;
}

/** The gates the rules do not meet, each as one line saying which and why (empty: all met). */
export function gateFailures(rules: readonly RuleResult[], gates: CiGates): string[] {
  const out: string[] = [];
  if (gates.maxSkip !== undefined) {
    const unjudged = rules.filter((r) => r.verdict === 'skip' || r.verdict === 'not-run').length;
    const percent = gates.maxSkip.endsWith('%');
    const limit = Number.parseInt(gates.maxSkip, 10);
    const allowed = percent ? (limit / 100) * rules.length : limit;
    if (unjudged > allowed) {
      const share = rules.length ? ` (${Math.round((unjudged / rules.length) * 100)}%)` : '';
      out.push(`--max-skip ${gates.maxSkip}: ${unjudged} of ${rules.length} rules${share} were skipped or not run`);
    }
  }
  for (const glob of gates.requireRules ?? []) {
    const matching = rules.filter((r) => ruleSelected(r.id, [glob]));
    if (matching.length === 0) out.push(`--require-rules ${glob}: no rule of this run matches it`);
    for (const r of matching) {
      if (!JUDGED_VERDICTS.includes(r.verdict)) out.push(`--require-rules ${glob}: ${r.id} was not judged (${r.verdict}${r.reason ? `: ${r.reason.slice(0, 160)}` : ''})`);
    }
  }
  return out;
}
