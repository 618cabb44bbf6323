import { describe, expect, it } from 'vitest';
import { workerOldSpaceMb } from './worker-heap.ts';

describe('workerOldSpaceMb (the suite workers\' old-generation cap)', () => {
  it('grows with --runs, so a larger run never gets less room than a smaller one', () => {
    const caps = [1, 2, 5, 10, 50, 100].map(workerOldSpaceMb);
    expect(caps).toEqual([...caps].sort((a, b) => a - b));
    expect(new Set(caps).size).toBe(caps.length);
  });

  it('leaves --runs 10 more than the 128 MB a whole run was measured to complete in (bench/README.md, issue 17)', () => {
    expect(workerOldSpaceMb(10)).toBeGreaterThan(128);
  });

  it('never goes below the --runs 1 cap for a fractional or zero --runs', () => {
    expect(workerOldSpaceMb(0.1)).toBe(workerOldSpaceMb(1));
    expect(workerOldSpaceMb(0)).toBe(workerOldSpaceMb(1));
  });
});
