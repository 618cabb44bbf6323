import { describe, it, expect } from 'vitest';
import type { TestCase } from 'vitest/node';
import type { RuleMeta } from './rule-meta.ts';
import { RuleCollector } from './rule-collector.ts';

/** A suite file as vitest reports it: its tests in the order they are defined. */
const modules = new Map<string, { moduleId: string; defined: TestCase[]; children: { allTests(): TestCase[] } }>();
const moduleOf = (file: string) => {
  let m = modules.get(file);
  if (m === undefined) {
    const defined: TestCase[] = [];
    m = { moduleId: file, defined, children: { allTests: () => [...defined] } };
    modules.set(file, m);
  }
  return m;
};
let ids = 0;

/** The parts of vitest's TestCase the reporter reads; each call defines the next test of `file`. */
const testCase = (state: 'passed' | 'failed' | 'skipped' | 'pending', meta?: RuleMeta, file = '/kit/suites/dcs/a.test.ts'): TestCase => {
  const module = moduleOf(file);
  const test = { id: `t${++ids}`, name: 'DCS-X: title', module, meta: () => (meta ? { conformance: meta } : {}), result: () => ({ state, errors: state === 'failed' ? [{ name: 'AssertionError', message: 'boom' }] : [], note: undefined }), diagnostic: () => ({ duration: 3 }) } as unknown as TestCase;
  module.defined.push(test);
  return test;
};

describe('RuleCollector', () => {
  it('a test that never started (cancelled by Ctrl-C) is not-run, never passed', () => {
    const r = new RuleCollector();
    r.onTestCaseResult(testCase('pending'));
    r.onTestCaseResult(testCase('skipped'));
    r.onTestCaseResult(testCase('passed'));
    expect(r.outcomes.map((o) => [o.rule, o.state, o.cases])).toEqual([['DCS-X', 'not-run', 0], ['DCS-X', 'not-run', 0], ['DCS-X', 'not-run', 0]]);
  });

  it('a check that ran keeps its state, and carries observations and state endpoint faults', () => {
    const r = new RuleCollector();
    const observations = [{ topic: 't', title: 'q', choice: '400 A', evidence: 'e' }];
    r.onTestCaseResult(testCase('passed', { rule: 'DCS-A', cases: 4, observations }));
    r.onTestCaseResult(testCase('skipped', { rule: 'DCS-B', cases: 0, skipReason: 'state endpoint fault, not a verdict', stateEndpointFault: { status: 503, message: 'down' } }));
    r.onTestCaseResult(testCase('failed', { rule: 'DCS-C', cases: 2 }));
    expect(r.outcomes.map((o) => [o.rule, o.state])).toEqual([['DCS-A', 'passed'], ['DCS-B', 'skipped'], ['DCS-C', 'failed']]);
    expect(r.outcomes[0]!.observations).toEqual(observations);
    expect(r.outcomes[1]!.stateEndpointFault).toEqual({ status: 503, message: 'down' });
    expect(r.outcomes[2]!.message).toBe('boom');
  });

  it('gives outcomes in suite-file path order, each file in its own order, whatever order workers finished in', () => {
    const r = new RuleCollector();
    r.onTestCaseResult(testCase('passed', { rule: 'BCC-V1', cases: 1 }, '/kit/suites/bcc/auth-version.test.ts'));
    r.onTestCaseResult(testCase('passed', { rule: 'BCC-R1', cases: 1 }, '/kit/suites/bcc/auth-rules.test.ts'));
    r.onTestCaseResult(testCase('failed', { rule: 'BCC-V2', cases: 1 }, '/kit/suites/bcc/auth-version.test.ts'));
    r.onTestCaseResult(testCase('passed', { rule: 'BCC-R2', cases: 1 }, '/kit/suites/bcc/auth-rules.test.ts'));
    expect(r.inFileOrder().map((o) => o.rule)).toEqual(['BCC-R1', 'BCC-R2', 'BCC-V1', 'BCC-V2']);
    // Arrival order (progress) is left as it was.
    expect(r.outcomes.map((o) => o.rule)).toEqual(['BCC-V1', 'BCC-R1', 'BCC-V2', 'BCC-R2']);
  });

  it("gives a file's tests in the order they are defined when they finished in another (checks in flight at once)", () => {
    const file = '/kit/suites/dcs/overlap.test.ts';
    const [a, b, c] = ['DCS-P1', 'DCS-P2', 'DCS-P3'].map((rule) => testCase('passed', { rule, cases: 1 }, file));
    const r = new RuleCollector();
    for (const t of [c!, a!, b!]) r.onTestCaseResult(t);
    r.onTestCaseResult(testCase('passed', { rule: 'BCC-Z', cases: 1 }, '/kit/suites/bcc/z.test.ts'));
    expect(r.inFileOrder().map((o) => o.rule)).toEqual(['BCC-Z', 'DCS-P1', 'DCS-P2', 'DCS-P3']);
    expect(r.outcomes.map((o) => o.rule)).toEqual(['DCS-P3', 'DCS-P1', 'DCS-P2', 'BCC-Z']);
  });
});
