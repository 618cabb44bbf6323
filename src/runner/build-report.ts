/**
 * Turns the catalogue and the collected rule outcomes into the conformance report: one
 * verdict per rule, findings merged, expected failures applied, summary and conformance.
 */
import type { Contract, Rule } from '../spec/contract.ts';
import type { ConformanceReport, Invocation, RuleResult, TargetInfo, Verdict } from '../report/report-model.ts';
import { VERDICTS } from '../report/report-model.ts';
import { matchesTarget, type ExpectedFailure } from './expected-failures.ts';
import type { RuleOutcome } from './rule-outcome.ts';

/** Inputs of {@link buildReport}. */
export interface BuildReportInput {
  contracts: Contract[];
  outcomes: RuleOutcome[];
  target: TargetInfo;
  seed: number;
  runs: number;
  ruleFilter: (id: string) => boolean;
  startedAt: Date;
  durationMs: number;
  failOn: 'must' | 'should' | 'none';
  expectedFailures: ExpectedFailure[];
  interrupted: boolean;
  faults: string[];
  toolVersion: string;
  invocation: Invocation;
  /** Date used for expiry checks (tests pin it). */
  today?: Date;
}

/** Reason given to a rule no check ran for (e.g. its suite file was in another shard). */
export const NOT_RUN = 'not run';

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]!.slice(0, 500);
}

function verdictOf(rule: Rule, service: string, own: RuleOutcome[], findings: Array<{ rule: string; detail: string }>, notTestable?: string): Omit<RuleResult, 'id' | 'service' | 'level' | 'category' | 'title' | 'source'> {
  const cases = own.reduce((n, o) => n + o.cases, 0);
  const durationMs = own.reduce((n, o) => n + o.durationMs, 0);
  const failed = own.find((o) => o.state === 'failed' && !o.transportFault);
  const base = { cases, durationMs };
  if (failed) return { ...base, verdict: 'fail', reason: firstLine(failed.counterexample ? `${failed.counterexample.summary} — received ${failed.counterexample.received}; documented ${failed.counterexample.documented}` : failed.message), counterexample: failed.counterexample, replay: failed.replay };
  if (findings.length > 0) {
    const f = findings[0]!;
    return { ...base, verdict: 'fail', reason: firstLine(`${f.detail}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`), counterexample: { summary: f.detail, received: f.detail, documented: rule.title, transcript: [] } };
  }
  const fault = own.find((o) => o.transportFault);
  if (fault) return { ...base, verdict: 'skip', reason: `transport fault, not a verdict: ${firstLine(fault.transportFault)}` };
  if (own.length === 0) return { ...base, verdict: 'skip', reason: notTestable ? `not testable: ${notTestable}` : `${NOT_RUN} (no check selected for ${service})` };
  if (own.every((o) => o.state === 'skipped')) return { ...base, verdict: 'skip', reason: own.map((o) => o.skipReason ?? 'skipped').join('; ') };
  const amb = own.find((o) => o.ambiguity);
  if (amb?.ambiguity) return { ...base, verdict: 'ambiguous', reason: amb.ambiguity.reason, variant: amb.ambiguity.variant };
  return { ...base, verdict: 'pass', reason: '' };
}

/** Builds the whole report. */
export function buildReport(input: BuildReportInput): ConformanceReport {
  const today = input.today ?? new Date();
  const byRule = new Map<string, RuleOutcome[]>();
  const findings = new Map<string, Array<{ rule: string; detail: string }>>();
  for (const o of input.outcomes) {
    byRule.set(o.rule, [...(byRule.get(o.rule) ?? []), o]);
    for (const f of o.findings ?? []) if (!f.ok) findings.set(f.rule, [...(findings.get(f.rule) ?? []), f]);
  }
  const rules: RuleResult[] = [];
  const notes: string[] = [];
  const usedEntries = new Set<ExpectedFailure>();
  for (const contract of input.contracts) {
    for (const rule of contract.baseFacts.rules) {
      if (!input.ruleFilter(rule.id)) continue;
      const notTestable = contract.baseFacts.notTestable.find((n) => n.rule === rule.id)?.because;
      const v = verdictOf(rule, contract.service, byRule.get(rule.id) ?? [], findings.get(rule.id) ?? [], notTestable);
      const result: RuleResult = { id: rule.id, service: contract.service, level: rule.level, category: rule.category, title: rule.title, source: rule.source, ...v };
      const entry = input.expectedFailures.find((e) => e.rule === rule.id && matchesTarget(e.target, input.target.name));
      if (entry) {
        usedEntries.add(entry);
        const expired = entry.expires !== undefined && Date.parse(entry.expires) < today.getTime();
        if (expired) notes.push(`expected failure of ${rule.id} on ${entry.target} expired on ${entry.expires}: fix the rule or extend the entry`);
        if (result.verdict === 'fail' && !expired) {
          result.verdict = 'expected-fail';
          result.reason = `expected: ${entry.reason} — ${result.reason}`;
        } else if (result.verdict === 'pass') {
          notes.push(`${rule.id} is listed as an expected failure on ${entry.target} but now passes: remove the entry`);
        }
      }
      rules.push(result);
    }
  }
  for (const e of input.expectedFailures) if (!usedEntries.has(e) && matchesTarget(e.target, input.target.name) && !rules.some((r) => r.id === e.rule)) notes.push(`expected failure names ${e.rule}, which this run did not check`);

  return {
    schemaVersion: '1.0',
    tool: { name: 'pwchange-conformance', version: input.toolVersion },
    target: input.target,
    services: input.contracts.map((c) => c.service),
    seed: input.seed,
    runs: input.runs,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    interrupted: input.interrupted,
    summary: summarise(rules, input.failOn),
    rules,
    timelines: input.outcomes.flatMap((o) => o.timelines ?? []),
    expectedFailureNotes: notes,
    faults: input.faults,
    invocation: input.invocation,
    restorations: [],
  };
}

/** Counts per verdict and the conformance decision under `failOn`. */
export function summarise(rules: readonly RuleResult[], failOn: 'must' | 'should' | 'none'): ConformanceReport['summary'] {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, rules.filter((r) => r.verdict === v).length])) as Record<Verdict, number>;
  const counted = rules.filter((r) => r.verdict === 'fail' && (failOn === 'should' || (failOn === 'must' && r.level === 'MUST')));
  return { ...counts, total: rules.length, conformant: failOn === 'none' || counted.length === 0, failOn };
}
