import { describe, expect, it } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { MAX_SEED, parseSeed, randomSeed, seedFromEnv } from './seed.ts';

describe('the one seed source', () => {
  it('draws random seeds inside the range', () => {
    for (let i = 0; i < 200; i++) {
      const s = randomSeed();
      expect(Number.isInteger(s) && s >= 0 && s <= MAX_SEED).toBe(true);
    }
  });

  it('reads a given seed from text or number, at both ends of the range', () => {
    expect(parseSeed('0', '--seed')).toBe(0);
    expect(parseSeed(' 42 ', '--seed')).toBe(42);
    expect(parseSeed(MAX_SEED, 'seed in the config file')).toBe(MAX_SEED);
  });

  it('refuses anything else with a usage error naming where the seed came from', () => {
    for (const bad of ['abc', '', '-1', '1.5', String(MAX_SEED + 1), '1e20']) {
      const error = (() => { try { parseSeed(bad, '--seed'); } catch (e) { return e; } return undefined; })();
      expect(KitError.is(error), bad).toBe(true);
      expect((error as KitError).code).toBe('USAGE');
      expect((error as KitError).message).toContain(`--seed ${bad} is not a whole number from 0 to ${MAX_SEED}`);
      expect((error as KitError).fix).toContain('--seed 42');
    }
  });

  it('CONFORMANCE_SEED: unset or empty gives none, a number gives it, anything else is a usage error', () => {
    expect(seedFromEnv({})).toBeUndefined();
    expect(seedFromEnv({ CONFORMANCE_SEED: '' })).toBeUndefined();
    expect(seedFromEnv({ CONFORMANCE_SEED: '7' })).toBe(7);
    expect(() => seedFromEnv({ CONFORMANCE_SEED: 'x7' })).toThrow(/CONFORMANCE_SEED x7 is not a whole number[\s\S]*copy the seed a previous run printed/);
  });
});

describe('a run plan takes its seed from the one source', () => {
  it('--seed over the config file over a random draw, each read the same way', async () => {
    const { resolvePlan } = await import('./run-plan.ts');
    expect(resolvePlan({ seed: '7' }, { seed: 8 }, () => 9).settings.seed).toBe(7);
    expect(resolvePlan({}, { seed: 8 }, () => 9).settings.seed).toBe(8);
    expect(resolvePlan({}, {}, () => 9).settings.seed).toBe(9);
    expect(() => resolvePlan({ seed: String(MAX_SEED + 1) }, {})).toThrow(/--seed 2147483648 is not a whole number from 0 to 2147483647/);
    // A bad seed in the config file is named as such, not as a flag the user never gave.
    expect(() => resolvePlan({}, { seed: -3 })).toThrow(/seed in the config file -3 is not a whole number[\s\S]*seed: 42/);
  });
});
