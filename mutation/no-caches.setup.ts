/**
 * Setup of the mutation run only (vitest.mutation.config.ts): the simulator's memo caches
 * (`BoundedCache`: signing keys, AES deciphers, parsed header lists) always miss. The mutation
 * run keeps one module graph across mutant runs, so a cache warmed by the first run would
 * otherwise skip the (mutated) derivation in every later run and let its mutants survive
 * unseen. The caches hold pure derivations only, so turning them off changes no answer.
 */
import { BoundedCache } from '../src/simulator/core/bounded-cache.ts';

BoundedCache.prototype.get = function alwaysMiss(): undefined {
  return undefined;
};
