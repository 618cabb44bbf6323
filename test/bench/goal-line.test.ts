import { describe, expect, it } from 'vitest';
import { goalLine } from '../../bench/lib/goal-line.ts';

// `npm run bench`'s summary once printed "met" for a req/s ratio of 0.61 measured while the servers
// had half a core each (bench/README.md, simulator-throughput, round 4): an inconclusive run must
// never read as a met goal.
describe('bench summary line', () => {
  it('says met / NOT met for a conclusive run', () => {
    expect(goalLine('x', { ratio: 0.61, goal: 0.6, meaning: 'm' })).toMatch(/ratio 0\.61 {2}goal ≥ 0\.60 {2}met {2}\(m\)$/);
    expect(goalLine('x', { ratio: 0.59, goal: 0.6, meaning: 'm', conclusive: true })).toContain('  NOT met  ');
  });

  it('says NOT CONCLUSIVE, with the reason, whatever the ratio, when the run could not judge', () => {
    const line = goalLine('simulator-throughput', { ratio: 0.83, goal: 0.6, meaning: 'm', conclusive: false, inconclusiveBecause: 'busy' });
    expect(line).toContain('NOT CONCLUSIVE (busy)');
    expect(line).not.toMatch(/\bmet\b/);
  });

  it('never calls a missing ratio met', () => {
    expect(goalLine('x', { ratio: Number.NaN, goal: 0, meaning: 'm' })).toContain('NOT met (no ratio)');
  });
});
