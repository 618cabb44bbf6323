import { describe, it, expect } from 'vitest';
import type { ConformanceReport, RuleResult, Verdict } from '../report/report-model.ts';
import { KitError } from '../errors/kit-error.ts';
import { mergeReports } from './merge-reports.ts';
import { summarise } from '../report/summarise.ts';

const result = (id: string, verdict: Verdict, cases = verdict === 'not-run' ? 0 : 10, reason = verdict === 'not-run' ? 'not run: its check is in another shard' : ''): RuleResult =>
  ({ id, service: 'dcs', level: 'MUST', category: 'policy', title: id, source: 'seed', verdict, reason, cases, durationMs: cases });

function shard(index: number, count: number, rules: RuleResult[], over: Partial<ConformanceReport> = {}): ConformanceReport {
  return {
    schemaVersion: '1.1',
    tool: { name: 'pwchange-conformance', version: '0.0.0' },
    target: { name: 'simulator', kind: 'simulator', capabilities: {} },
    services: ['dcs'],
    seed: 7,
    runs: 1,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    durationMs: 1000,
    interrupted: false,
    runStatus: 'complete',
    shard: { index, count },
    summary: summarise(rules, 'must', 'complete'),
    rules,
    timelines: [],
    expectedFailureNotes: [],
    observations: [{ rule: rules[0]!.id, service: 'dcs', topic: 'code', title: 'which code', choice: '400 X', evidence: `shard ${index}`, count: index }],
    faults: [],
    invocation: { target: 'simulator', variants: {}, faults: [], services: ['dcs'], rules: [], failOn: 'must' },
    restorations: [],
    ...over,
  };
}

/** Every order of the items. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('mergeReports', () => {
  const a = shard(1, 3, [result('R-1', 'pass'), result('R-2', 'not-run'), result('R-3', 'pass'), result('R-4', 'skip', 0, 'needs inspect'), result('R-5', 'pass')]);
  const b = shard(2, 3, [result('R-1', 'not-run'), result('R-2', 'fail'), result('R-3', 'expected-fail'), result('R-4', 'not-run'), result('R-5', 'skip', 0, 'needs clock')]);
  const c = shard(3, 3, [result('R-1', 'not-run'), result('R-2', 'not-run'), result('R-3', 'not-run'), result('R-4', 'not-run'), result('R-5', 'ambiguous')]);

  it('takes each rule from the shards that ran it: the worse verdict wins, cases add up', () => {
    const merged = mergeReports([a, b, c]);
    expect(merged.rules.map((r) => [r.id, r.verdict, r.cases])).toEqual([['R-1', 'pass', 10], ['R-2', 'fail', 10], ['R-3', 'expected-fail', 20], ['R-4', 'skip', 0], ['R-5', 'ambiguous', 20]]);
    expect(merged).toMatchObject({ runStatus: 'complete', interrupted: false });
    expect(merged.shard).toBeUndefined();
    expect(merged.observations).toEqual([{ rule: 'R-1', service: 'dcs', topic: 'code', title: 'which code', choice: '400 X', evidence: 'shard 1', count: 6 }]);
  });

  it('gives the same report whatever the order of the files', () => {
    const expected = JSON.stringify(mergeReports([a, b, c]));
    for (const order of permutations([a, b, c])) expect(JSON.stringify(mergeReports(order))).toBe(expected);
    // The case that once depended on the order: pass in one shard, expected-fail in the other.
    const x = shard(1, 2, [result('R-1', 'pass')]);
    const y = shard(2, 2, [result('R-1', 'expected-fail')]);
    expect(mergeReports([x, y]).rules[0]!.verdict).toBe('expected-fail');
    expect(mergeReports([y, x]).rules[0]!.verdict).toBe('expected-fail');
  });

  it('names missing shards: incomplete-shards, never conformant, the rules of the missing shard not-run', () => {
    const one = shard(1, 2, [result('R-1', 'pass'), result('R-2', 'not-run')]);
    const merged = mergeReports([one]);
    expect(merged.runStatus).toBe('incomplete-shards');
    expect(merged.runStatusReason).toBe('shard 2 of 2 missing: merge the report of every shard');
    expect(merged.summary.conformant).toBe(false);
    expect(merged.rules.find((r) => r.id === 'R-2')!.verdict).toBe('not-run');
    expect(mergeReports([a, c]).runStatusReason).toMatch(/^shard 2 of 3 missing/);
    expect(mergeReports([a, b, c]).summary.conformant).toBe(false); // R-2 fails
  });

  it('keeps the worst run status of the shards, order-independently', () => {
    const stopped = shard(2, 2, [result('R-1', 'not-run', 0, 'not run: the run was interrupted before this check')], { runStatus: 'interrupted', interrupted: true, runStatusReason: 'Ctrl-C' });
    const ok = shard(1, 2, [result('R-1', 'pass')]);
    for (const order of permutations([ok, stopped])) {
      const merged = mergeReports(order);
      expect(merged).toMatchObject({ runStatus: 'interrupted', interrupted: true, runStatusReason: 'shard 2/2 interrupted: Ctrl-C' });
      expect(merged.rules[0]!.verdict).toBe('pass');
      expect(merged.summary.conformant).toBe(false);
    }
  });

  it('is conformant when every shard is there, complete, and nothing counted failed', () => {
    const x = shard(1, 2, [result('R-1', 'pass'), result('R-2', 'not-run')]);
    const y = shard(2, 2, [result('R-1', 'not-run'), result('R-2', 'pass')]);
    expect(mergeReports([y, x]).summary).toMatchObject({ conformant: true, pass: 2, 'not-run': 0, mustJudged: { judged: 2, total: 2 } });
  });

  it('applies the CI gates of the run again on the merged rules', () => {
    const gated = { target: 'simulator', variants: {}, faults: [], services: ['dcs'], rules: [], failOn: 'must' as const, requireRules: ['R-2'] };
    const x = shard(1, 2, [result('R-1', 'pass'), result('R-2', 'not-run')], { invocation: gated });
    const y = shard(2, 2, [result('R-1', 'not-run'), result('R-2', 'skip', 0, 'needs clock')], { invocation: gated });
    expect(mergeReports([x, y]).summary).toMatchObject({ conformant: false, gateFailures: ['--require-rules R-2: R-2 was not judged (skip: needs clock)'] });
  });

  it('refuses reports of different runs or shard counts, with a fix', () => {
    const other = shard(2, 2, [result('R-1', 'pass')], { seed: 8 });
    expect(() => mergeReports([shard(1, 2, [result('R-1', 'pass')]), other])).toThrow(/different runs[\s\S]*same --target and --seed/);
    const err = (() => { try { mergeReports([shard(1, 2, [result('R-1', 'pass')]), shard(2, 3, [result('R-1', 'pass')])]); } catch (e) { return e; } })();
    expect(KitError.is(err) && err.code).toBe('USAGE');
    expect((err as Error).message).toMatch(/different shard counts \(2, 3/);
    expect(() => mergeReports([])).toThrow(/No reports to merge/);
  });
});
