/**
 * Loads every mutated module before any test of the mutation run starts, so their module-level
 * code (constants, regexes, decoders) runs outside a test and Stryker counts its mutants as
 * *static* — ignored by `ignoreStatic`, as the config says. Since the simulator target is imported
 * lazily (issue 16: a run loads it only when it builds one), those modules first loaded inside
 * whichever test built a simulator first; their static mutants were then run against that one
 * test alone and "survived" (29 of them, all module-level, in the re-run of 2026-11-29).
 */
import config from '../stryker.config.mjs';

for (const file of config.mutate ?? []) await import(new URL(`../${file}`, import.meta.url).href);
