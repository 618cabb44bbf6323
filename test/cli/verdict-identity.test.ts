import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { BASELINE_FILE, DIGEST_RUNS, digestRun, type ReportDigest } from './verdict-digest.ts';

// Performance work (issue 17) must not change what the kit concludes: the same seed gives the
// same verdicts, case counts, counterexamples, replay keys and observations as the committed
// baseline, which was produced from the code before that work.
const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Record<string, ReportDigest>;

describe('verdicts at a fixed seed match the committed baseline', () => {
  it('the baseline covers every digest run and holds failures as well as passes', () => {
    expect(Object.keys(baseline).sort()).toEqual(Object.keys(DIGEST_RUNS).sort());
    expect(baseline.default!.exitCode).toBe(0);
    expect(baseline.default!.totalCases).toBeGreaterThanOrEqual(5000);
    expect(baseline.faults!.rules.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(3);
  });

  for (const [name, args] of Object.entries(DIGEST_RUNS)) {
    it(`conformance ${args.join(' ')}`, async () => {
      const now = await digestRun(args);
      const was = baseline[name]!;
      // Rule by rule first, so a difference names its rule.
      expect(now.rules.map((r) => r.id)).toEqual(was.rules.map((r) => r.id));
      for (const [i, rule] of now.rules.entries()) expect(rule, rule.id).toEqual(was.rules[i]);
      expect(now).toEqual(was);
    }, 300_000);
  }
});
