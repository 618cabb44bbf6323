import { describe, it, expect } from 'vitest';
import type { ConformanceReport } from '../src/report/report-model.ts';
import { judgedLine, outcomeOf, verdictLine } from './report-text.ts';
import { sampleReport, unfinishedReport } from './fixtures/sample-report.ts';

/** The sample with every failure turned into a pass, as a complete conformant run. */
function passing(): ConformanceReport {
  const r = structuredClone(sampleReport);
  for (const rule of r.rules) if (rule.verdict === 'fail') Object.assign(rule, { verdict: 'pass', reason: '' });
  r.summary = { ...r.summary, fail: 0, pass: r.summary.pass + r.summary.fail, conformant: true };
  return r;
}

describe('outcomeOf: never green on nothing', () => {
  it('CONFORMANT only for a conformant complete run; NOT CONFORMANT for a judged failure', () => {
    expect(outcomeOf(passing())).toEqual({ label: 'CONFORMANT', text: 'Conformant', kind: 'ok' });
    expect(outcomeOf(sampleReport)).toEqual({ label: 'NOT CONFORMANT', text: 'Not conformant', kind: 'bad' });
    expect(outcomeOf({ ...passing(), shard: { index: 1, count: 2 } }).label).toBe('CONFORMANT — shard 1 of 2 only');
  });

  it('NO VERDICT or INCOMPLETE, with the reason, for every other run status', () => {
    expect(outcomeOf(unfinishedReport('target-unreachable')).label).toBe('NO VERDICT — target unreachable');
    expect(outcomeOf(unfinishedReport('state-endpoint-fault')).label).toBe('NO VERDICT — state endpoint fault');
    expect(outcomeOf(unfinishedReport('interrupted')).label).toBe('INCOMPLETE — interrupted');
    expect(outcomeOf(unfinishedReport('incomplete-shards'))).toEqual({ label: 'INCOMPLETE — shards missing', text: 'Incomplete — shards missing', kind: 'none' });
  });

  it('a complete run that judged nothing, or left rules not run, is not green either', () => {
    const nothing = passing();
    nothing.rules = nothing.rules.map((r) => ({ ...r, verdict: 'skip' as const }));
    nothing.summary.conformant = false;
    expect(outcomeOf(nothing).label).toBe('NO VERDICT — no rule was judged');
    const unrun = passing();
    unrun.rules[0]!.verdict = 'not-run';
    unrun.summary = { ...unrun.summary, 'not-run': 1, conformant: false };
    expect(outcomeOf(unrun).label).toBe('INCOMPLETE — 1 rule not run');
    expect(verdictLine(unrun)).toMatch(/^Incomplete — 1 rule not run: no failures, 1 not run of 23 rules/);
  });

  it('says how many MUST rules were judged', () => {
    expect(judgedLine(sampleReport)).toBe('MUST rules judged: 16 of 19 (84%)');
    expect(judgedLine(unfinishedReport('interrupted', 0))).toBe('MUST rules judged: 0 of 19 (0%)');
  });
});
