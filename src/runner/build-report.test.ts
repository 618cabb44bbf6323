import { describe, it, expect } from 'vitest';
import type { Contract, Rule } from '../contract/contract.ts';
import type { RunStatus } from '../report/report-model.ts';
import { buildReport, type BuildReportInput } from './build-report.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { summarise } from '../report/summarise.ts';

const rule = (id: string, level: Rule['level'] = 'MUST'): Rule => ({ id, level, category: 'policy', title: `${id} title`, source: 'seed page' });

/** A catalogue of five rules; X-UNTESTABLE is declared not testable. */
const contract = {
  service: 'dcs',
  baseFacts: {
    rules: [rule('X-PASS'), rule('X-FAIL'), rule('X-SKIP'), rule('X-AMB', 'SHOULD'), rule('X-UNTESTABLE'), rule('X-SHOULD', 'SHOULD')],
    notTestable: [{ rule: 'X-UNTESTABLE', because: 'needs a real clock' }],
  },
} as unknown as Contract;

const outcome = (ruleId: string, state: RuleOutcome['state'], extra: Partial<RuleOutcome> = {}): RuleOutcome => ({ rule: ruleId, state, durationMs: 5, cases: state === 'not-run' ? 0 : 10, ...extra });

function build(outcomes: RuleOutcome[], over: Partial<BuildReportInput> = {}) {
  return buildReport({
    contracts: [contract],
    outcomes,
    target: { name: 'simulator', kind: 'simulator', capabilities: {} },
    seed: 7,
    runs: 1,
    ruleFilter: () => true,
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 100,
    failOn: 'must',
    expectedFailures: [],
    runStatus: 'complete',
    faults: [],
    toolVersion: '0.0.0',
    invocation: { target: 'simulator', variants: {}, faults: [], services: ['dcs'], rules: [], failOn: 'must' },
    today: new Date('2026-06-01T00:00:00Z'),
    ...over,
  });
}

const verdicts = (r: ReturnType<typeof build>): Record<string, string> => Object.fromEntries(r.rules.map((x) => [x.id, x.verdict]));

const complete: RuleOutcome[] = [
  outcome('X-PASS', 'passed'),
  outcome('X-FAIL', 'failed', { message: 'accepted a 7-character password\nstack…' }),
  outcome('X-SKIP', 'skipped', { skipReason: 'needs inspect' }),
  outcome('X-AMB', 'passed', { ambiguity: { variant: 'locked-on-fifth', reason: 'fifth attempt locked' } }),
  outcome('X-SHOULD', 'passed'),
];

describe('buildReport', () => {
  it('gives each rule its verdict: pass, fail (first line), skip with the reason, ambiguous with the reading, not testable', () => {
    const report = build(complete);
    expect(verdicts(report)).toEqual({ 'X-PASS': 'pass', 'X-FAIL': 'fail', 'X-SKIP': 'skip', 'X-AMB': 'ambiguous', 'X-UNTESTABLE': 'skip', 'X-SHOULD': 'pass' });
    const byId = (id: string) => report.rules.find((r) => r.id === id)!;
    expect(byId('X-FAIL').reason).toBe('accepted a 7-character password');
    expect(byId('X-SKIP').reason).toBe('needs inspect');
    expect(byId('X-AMB')).toMatchObject({ variant: 'locked-on-fifth', reason: 'fifth attempt locked' });
    expect(byId('X-UNTESTABLE').reason).toBe('not testable: needs a real clock');
    expect(report.summary).toMatchObject({ pass: 2, fail: 1, skip: 2, ambiguous: 1, 'not-run': 0, total: 6, conformant: false, mustJudged: { judged: 2, total: 4 } });
    expect(report).toMatchObject({ schemaVersion: '1.1', runStatus: 'complete', interrupted: false });
  });

  it('builds the replay command once, naming the report file the run writes (a placeholder when it writes none)', () => {
    const key = { seed: 11, property: 'too short', path: '3:1', rule: 'X-FAIL' };
    const failing = [outcome('X-FAIL', 'failed', { message: 'accepted', replay: key })];
    const written = build(failing, { reportFile: '/abs/out/conformance-report.json' }).rules.find((r) => r.id === 'X-FAIL')!;
    expect(written.replay).toEqual({ ...key, command: 'npx conformance replay /abs/out/conformance-report.json X-FAIL' });
    expect(build(failing).rules.find((r) => r.id === 'X-FAIL')!.replay?.command).toBe('npx conformance replay <report.json> X-FAIL');
    expect(build(complete, { reportFile: '/abs/out/conformance-report.json' }).rules.filter((r) => r.replay)).toEqual([]);
  });

  it('a pass says which parts of the rule could not be observed', () => {
    const report = build([outcome('X-PASS', 'passed', { unchecked: ['the stored password: target t cannot inspect state'] }), outcome('X-SHOULD', 'passed')]);
    const byId = (id: string) => report.rules.find((r) => r.id === id)!;
    expect(byId('X-PASS')).toMatchObject({ verdict: 'pass', reason: 'passed what could be observed; not checked: the stored password: target t cannot inspect state' });
    expect(byId('X-SHOULD').reason).toBe('');
  });

  it('fails a rule from another check\'s findings, and a transport fault is a skip, not a fail', () => {
    const report = build([
      outcome('X-PASS', 'passed', { findings: [{ rule: 'X-SHOULD', ok: false, detail: 'body lacks error_code' }, { rule: 'X-SHOULD', ok: false, detail: 'second' }] }),
      outcome('X-SHOULD', 'passed'),
      outcome('X-FAIL', 'failed', { transportFault: 'refused', message: 'refused' }),
    ]);
    const should = report.rules.find((r) => r.id === 'X-SHOULD')!;
    expect([should.verdict, should.reason]).toEqual(['fail', 'body lacks error_code (and 1 more)']);
    const fault = report.rules.find((r) => r.id === 'X-FAIL')!;
    expect([fault.verdict, fault.reason]).toEqual(['skip', 'transport fault, not a verdict: refused']);
  });

  it('marks checks that never started, and rules with no check, not-run — never pass with 0 cases', () => {
    const report = build([outcome('X-PASS', 'passed'), outcome('X-FAIL', 'not-run'), outcome('X-AMB', 'passed'), outcome('X-AMB', 'not-run')], { runStatus: 'interrupted', runStatusReason: 'Ctrl-C' });
    expect(verdicts(report)).toMatchObject({ 'X-PASS': 'pass', 'X-FAIL': 'not-run', 'X-SKIP': 'not-run', 'X-AMB': 'not-run', 'X-SHOULD': 'not-run' });
    expect(report.rules.find((r) => r.id === 'X-FAIL')!.reason).toBe('not run: the run was interrupted before this check');
    expect(report.rules.find((r) => r.id === 'X-AMB')!.reason).toMatch(/\(1 of 2 checks\)$/);
    expect(report.rules.filter((r) => r.verdict === 'pass' && r.cases === 0)).toEqual([]);
    expect(report).toMatchObject({ runStatus: 'interrupted', interrupted: true, runStatusReason: 'Ctrl-C' });
    expect(report.summary).toMatchObject({ conformant: false, 'not-run': 4, mustJudged: { judged: 1, total: 4 } });
  });

  it('a state endpoint fault makes the check not-run with the reason, never fail', () => {
    const report = build([outcome('X-FAIL', 'skipped', { stateEndpointFault: { status: 503, message: 'State endpoint http://x refused "dcs instance" (503): down' } })], { runStatus: 'state-endpoint-fault' });
    const r = report.rules.find((x) => x.id === 'X-FAIL')!;
    expect([r.verdict, r.reason]).toEqual(['not-run', 'state endpoint fault, not a verdict: State endpoint http://x refused "dcs instance" (503): down']);
    expect(report.summary.fail).toBe(0);
  });

  it('an unreachable target: every rule not-run with the reason, and no conformance', () => {
    const report = build([], { runStatus: 'target-unreachable', runStatusReason: 'http://127.0.0.1:9 is unreachable (refused)' });
    expect(new Set(report.rules.filter((r) => r.id !== 'X-UNTESTABLE').map((r) => r.verdict))).toEqual(new Set(['not-run']));
    expect(report.rules[0]!.reason).toBe('not run: target unreachable: http://127.0.0.1:9 is unreachable (refused)');
    expect(report.summary.conformant).toBe(false);
  });

  it('a shard names the other shards as the reason its missing rules were not run, and stores itself', () => {
    const report = build([outcome('X-PASS', 'passed')], { shard: { index: 1, count: 2 } });
    expect(report.shard).toEqual({ index: 1, count: 2 });
    expect(report.rules.find((r) => r.id === 'X-FAIL')!.reason).toBe('not run: its check is in another shard than 1/2');
  });

  it('applies expected failures, and an expired entry no longer excuses; notes stale and expired entries', () => {
    const report = build(complete, {
      expectedFailures: [
        { rule: 'X-FAIL', target: 'simulator', reason: 'known bug', expires: '2027-01-01' },
        { rule: 'X-PASS', target: '*', reason: 'stale' },
        { rule: 'X-NOPE', target: '*', reason: 'not checked' },
      ],
    });
    expect(verdicts(report)['X-FAIL']).toBe('expected-fail');
    expect(report.rules.find((r) => r.id === 'X-FAIL')!.reason).toMatch(/^expected: known bug — accepted/);
    expect(report.summary.conformant).toBe(true);
    expect(report.expectedFailureNotes).toEqual(['X-PASS is listed as an expected failure on * but now passes: remove the entry', 'expected failure names X-NOPE, which this run did not check']);
    const expired = build(complete, { expectedFailures: [{ rule: 'X-FAIL', target: 'simulator', reason: 'old', expires: '2026-02-01' }] });
    expect(verdicts(expired)['X-FAIL']).toBe('fail');
    expect(expired.expectedFailureNotes).toEqual(['expected failure of X-FAIL on simulator expired on 2026-02-01: fix the rule or extend the entry']);
  });

  it('an expected-failure entry takes the same globs as --rules (case-insensitive); a glob is stale only when all it names pass', () => {
    const report = build(complete, { expectedFailures: [{ rule: 'x-f*', target: 'simulator', reason: 'known family' }] });
    expect(verdicts(report)['X-FAIL']).toBe('expected-fail');
    expect(report.summary.conformant).toBe(true);
    expect(report.expectedFailureNotes).toEqual([]);
    const wide = build(complete, { expectedFailures: [{ rule: 'X-*', target: '*', reason: 'all of them' }] });
    expect(verdicts(wide)['X-FAIL']).toBe('expected-fail');
    expect(verdicts(wide)['X-PASS']).toBe('pass');
    expect(wide.expectedFailureNotes).toEqual([]);
    const fixed = build([outcome('X-FAIL', 'passed')], { ruleFilter: (id) => id === 'X-FAIL', expectedFailures: [{ rule: 'X-F*', target: '*', reason: 'fixed since' }] });
    expect(fixed.expectedFailureNotes).toEqual(['every rule X-F* names passes on * (X-FAIL): remove the entry']);
    const none = build(complete, { expectedFailures: [{ rule: 'Y-*', target: '*', reason: 'other service' }] });
    expect(none.expectedFailureNotes).toEqual(['expected failure names Y-*, which this run did not check']);
  });

  it('is conformant only when complete with at least one rule judged and none not run (but in a shard)', () => {
    const passing = complete.map((o) => (o.rule === 'X-FAIL' ? outcome('X-FAIL', 'passed') : o));
    expect(build(passing).summary.conformant).toBe(true);
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as RunStatus[]) expect(build(passing, { runStatus: status }).summary.conformant, status).toBe(false);
    const nothingJudged = build([outcome('X-SKIP', 'skipped', { skipReason: 'no state' })], { ruleFilter: (id) => id === 'X-SKIP' });
    expect(nothingJudged.summary).toMatchObject({ conformant: false, skip: 1, total: 1 });
    expect(build(passing, { failOn: 'none', runStatus: 'interrupted' }).summary.conformant).toBe(false);
    // A check that never ran (its suite file failed to load): unknown is not conformant, except in one shard.
    const unrun = passing.filter((o) => o.rule !== 'X-SHOULD');
    expect(build(unrun).summary).toMatchObject({ conformant: false, 'not-run': 1 });
    expect(build(unrun, { shard: { index: 1, count: 2 } }).summary.conformant).toBe(true);
  });

  it('groups observations by (topic, choice): counts summed, first rule and evidence kept, sorted', () => {
    const ob = (topic: string, choice: string, evidence: string) => ({ topic, title: `${topic}?`, choice, evidence });
    const report = build([
      outcome('X-PASS', 'passed', { observations: [ob('code', '400 B', 'e1'), ob('code', '400 A', 'e2')] }),
      outcome('X-SHOULD', 'passed', { observations: [ob('code', '400 B', 'e3'), ob('alpha', 'x', 'e4')] }),
      outcome('X-FAIL', 'failed', { observations: [ob('code', '400 B', 'e5')] }),
    ]);
    expect(report.observations).toEqual([
      { rule: 'X-SHOULD', service: 'dcs', topic: 'alpha', title: 'alpha?', choice: 'x', evidence: 'e4', count: 1 },
      { rule: 'X-PASS', service: 'dcs', topic: 'code', title: 'code?', choice: '400 A', evidence: 'e2', count: 1 },
      { rule: 'X-PASS', service: 'dcs', topic: 'code', title: 'code?', choice: '400 B', evidence: 'e1', count: 3 },
    ]);
    // Observations never change a verdict.
    expect(verdicts(report)).toMatchObject({ 'X-PASS': 'pass', 'X-SHOULD': 'pass', 'X-FAIL': 'fail' });
  });
});

describe('summarise: CI gates', () => {
  const report = build(complete.map((o) => (o.rule === 'X-FAIL' ? outcome('X-FAIL', 'passed') : o)));
  it('--max-skip counts skipped and not-run rules, as a number or a share', () => {
    // 6 rules: X-SKIP and X-UNTESTABLE skip = 2 unjudged.
    expect(summarise(report.rules, 'must', 'complete', { maxSkip: '2' }).gateFailures).toBeUndefined();
    expect(summarise(report.rules, 'must', 'complete', { maxSkip: '1' })).toMatchObject({ conformant: false, gateFailures: ['--max-skip 1: 2 of 6 rules (33%) were skipped or not run'] });
    expect(summarise(report.rules, 'must', 'complete', { maxSkip: '34%' }).conformant).toBe(true);
    expect(summarise(report.rules, 'must', 'complete', { maxSkip: '33%' }).conformant).toBe(false);
    const withUnrun = report.rules.map((r) => (r.id === 'X-PASS' ? { ...r, verdict: 'not-run' as const } : r));
    expect(summarise(withUnrun, 'must', 'complete', { maxSkip: '2' }, true).gateFailures).toEqual(['--max-skip 2: 3 of 6 rules (50%) were skipped or not run']);
  });
  it('--require-rules names each matching rule that was not judged, and a glob that matches none', () => {
    const s = summarise(report.rules, 'must', 'complete', { requireRules: ['X-P*', 'X-SK*', 'NOPE-*'] });
    expect(s.conformant).toBe(false);
    expect(s.gateFailures).toEqual(['--require-rules X-SK*: X-SKIP was not judged (skip: needs inspect)', '--require-rules NOPE-*: no rule of this run matches it']);
    expect(summarise(report.rules, 'must', 'complete', { requireRules: ['X-PASS', 'x-amb'] }).conformant).toBe(true);
  });
});
