/**
 * Turns the catalogue and the collected rule outcomes into the conformance report: one
 * verdict per rule, findings merged, expected failures applied, observations grouped, summary
 * and conformance. A rule whose check never ran is `not-run`, never `pass`.
 */
import type { Contract, Rule } from '../contract/contract.ts';
import type { ConformanceReport, Invocation, RuleResult, RunStatus, TargetInfo } from '../report/report-model.ts';
import { matchesTarget, type ExpectedFailure } from './expected-failures.ts';
import { ruleSelected } from '../contract/rule-globs.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { groupObservations } from './group-observations.ts';
import { summarise } from '../report/summarise.ts';
import { replayCommand, UNKNOWN_REPORT_FILE } from '../report/replay-command.ts';

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
  /** `complete` unless the run was cut short; `interrupted` also sets the report's `interrupted` flag. */
  runStatus: RunStatus;
  /** Why the run is not complete (one line). */
  runStatusReason?: string;
  /** The shard this run covered (`--shard i/n`). */
  shard?: { index: number; count: number };
  faults: string[];
  toolVersion: string;
  invocation: Invocation;
  /** Where the JSON report is written, for the replay commands; absent: {@link UNKNOWN_REPORT_FILE}. */
  reportFile?: string;
  /** Date used for expiry checks (tests pin it). */
  today?: Date;
}

/** Reason given to a rule no check ran for (e.g. its suite file was in another shard). */
const NOT_RUN = 'not run';

type Judgement = Omit<RuleResult, 'id' | 'service' | 'level' | 'category' | 'title' | 'source'>;

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]!.slice(0, 500);
}

/** Why a rule without any finished check was not run, given how the run ended. */
function notRunReason(service: string, runStatus: RunStatus, statusReason: string | undefined, shard: BuildReportInput['shard']): string {
  if (runStatus === 'target-unreachable') return `${NOT_RUN}: target unreachable: ${statusReason ?? 'no answer'}`;
  if (runStatus === 'interrupted') return `${NOT_RUN}: the run was interrupted before this check`;
  if (shard) return `${NOT_RUN}: its check is in another shard than ${shard.index}/${shard.count}`;
  return `${NOT_RUN}: no check of ${service} ran for this rule`;
}

function verdictOf(rule: Rule, own: RuleOutcome[], findings: Array<{ rule: string; detail: string }>, notRun: string, reportFile: string, notTestable?: string): Judgement {
  const cases = own.reduce((n, o) => n + o.cases, 0);
  const durationMs = own.reduce((n, o) => n + o.durationMs, 0);
  const failed = own.find((o) => o.state === 'failed' && !o.transportFault && !o.stateEndpointFault);
  const base = { cases, durationMs };
  if (failed) return { ...base, verdict: 'fail', reason: firstLine(failed.counterexample ? `${failed.counterexample.summary} — received ${failed.counterexample.received}; documented ${failed.counterexample.documented}` : failed.message), counterexample: failed.counterexample, replay: failed.replay && { ...failed.replay, command: replayCommand(reportFile, rule.id) } };
  if (findings.length > 0) {
    const f = findings[0]!;
    return { ...base, verdict: 'fail', reason: firstLine(`${f.detail}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`), counterexample: { summary: f.detail, received: f.detail, documented: rule.title, transcript: [] } };
  }
  const stateFault = own.find((o) => o.stateEndpointFault);
  if (stateFault) return { ...base, verdict: 'not-run', reason: `state endpoint fault, not a verdict: ${firstLine(stateFault.stateEndpointFault!.message)}` };
  const fault = own.find((o) => o.transportFault);
  if (fault) return { ...base, verdict: 'skip', reason: `transport fault, not a verdict: ${firstLine(fault.transportFault)}` };
  if (own.length === 0) return notTestable ? { ...base, verdict: 'skip', reason: `not testable: ${notTestable}` } : { ...base, verdict: 'not-run', reason: notRun };
  // A rule checked by several tests is judged only when all of them ran.
  const unstarted = own.filter((o) => o.state === 'not-run').length;
  if (unstarted > 0) return { ...base, verdict: 'not-run', reason: unstarted === own.length ? notRun : `${notRun} (${unstarted} of ${own.length} checks)` };
  if (own.every((o) => o.state === 'skipped')) return { ...base, verdict: 'skip', reason: own.map((o) => o.skipReason ?? 'skipped').join('; ') };
  const amb = own.find((o) => o.ambiguity);
  if (amb?.ambiguity) return { ...base, verdict: 'ambiguous', reason: amb.ambiguity.reason, variant: amb.ambiguity.variant };
  // A pass says what it could not see: never a silent claim about a part that was not checked.
  const unchecked = [...new Set(own.flatMap((o) => o.unchecked ?? []))];
  return { ...base, verdict: 'pass', reason: unchecked.length > 0 ? `passed what could be observed; not checked: ${unchecked.join('; ')}` : '' };
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
      const notRun = notRunReason(contract.service, input.runStatus, input.runStatusReason, input.shard);
      const v = verdictOf(rule, byRule.get(rule.id) ?? [], findings.get(rule.id) ?? [], notRun, input.reportFile ?? UNKNOWN_REPORT_FILE, notTestable);
      const result: RuleResult = { id: rule.id, service: contract.service, level: rule.level, category: rule.category, title: rule.title, source: rule.source, ...v };
      const entry = input.expectedFailures.find((e) => ruleSelected(rule.id, [e.rule]) && matchesTarget(e.target, input.target.name));
      if (entry) {
        usedEntries.add(entry);
        const expired = entry.expires !== undefined && Date.parse(entry.expires) < today.getTime();
        if (expired) notes.push(`expected failure of ${rule.id} on ${entry.target} expired on ${entry.expires}: fix the rule or extend the entry`);
        if (result.verdict === 'fail' && !expired) {
          result.verdict = 'expected-fail';
          result.reason = `expected: ${entry.reason} — ${result.reason}`;
        } else if (result.verdict === 'pass' && !entry.rule.includes('*')) {
          notes.push(`${rule.id} is listed as an expected failure on ${entry.target} but now passes: remove the entry`);
        }
      }
      rules.push(result);
    }
  }
  const serviceOf = new Map(input.contracts.flatMap((c) => c.baseFacts.rules.map((r) => [r.id, c.service] as const)));
  // A glob entry (`DCS-LOCK-*`) is stale only when none of the rules it names fails any more.
  for (const e of input.expectedFailures) {
    if (!e.rule.includes('*') || !usedEntries.has(e)) continue;
    const named = rules.filter((r) => ruleSelected(r.id, [e.rule]));
    if (named.length > 0 && named.every((r) => r.verdict === 'pass')) notes.push(`every rule ${e.rule} names passes on ${e.target} (${named.map((r) => r.id).join(', ')}): remove the entry`);
  }
  for (const e of input.expectedFailures) if (!usedEntries.has(e) && matchesTarget(e.target, input.target.name) && !rules.some((r) => ruleSelected(r.id, [e.rule]))) notes.push(`expected failure names ${e.rule}, which this run did not check`);

  return {
    schemaVersion: '1.1',
    tool: { name: 'pwchange-conformance', version: input.toolVersion },
    target: input.target,
    services: input.contracts.map((c) => c.service),
    seed: input.seed,
    runs: input.runs,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    interrupted: input.runStatus === 'interrupted',
    runStatus: input.runStatus,
    ...(input.runStatusReason ? { runStatusReason: input.runStatusReason } : {}),
    ...(input.shard ? { shard: input.shard } : {}),
    summary: summarise(rules, input.failOn, input.runStatus, { maxSkip: input.invocation.maxSkip, requireRules: input.invocation.requireRules }, input.shard !== undefined),
    rules,
    timelines: input.outcomes.flatMap((o) => o.timelines ?? []),
    expectedFailureNotes: notes,
    observations: groupObservations(input.outcomes.filter((o) => input.ruleFilter(o.rule)), (id) => serviceOf.get(id) ?? (id.startsWith('BCC-') ? 'bcc' : 'dcs')),
    faults: input.faults,
    invocation: input.invocation,
    restorations: [],
  };
}
