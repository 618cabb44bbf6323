/** `npm run validate-specs`: loads each spec named on the command line and every reading of it. */
import { KitError } from '../errors/kit-error.ts';
import { loadSpec } from './load-spec.ts';

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    // Always in full, never from the checkout's cache (which this then primes for later loads);
    // each reading's patched facts are checked again below whatever the cache holds.
    const contract = loadSpec(file, { fullValidation: true });
    const ambiguities = contract.baseFacts.rules.filter((r) => r.category === 'ambiguity');
    for (const rule of ambiguities) for (const v of rule.variants ?? []) loadSpec(file, { variants: { [rule.id]: v.name } });
    const readings = ambiguities.reduce((n, r) => n + (r.variants?.length ?? 0), 0);
    console.log(`ok  ${file}: ${contract.baseFacts.rules.length} rules, ${ambiguities.length} ambiguities, ${readings} readings`);
  } catch (error) {
    failed = true;
    console.error(KitError.is(error) ? error.message : error);
  }
}
process.exitCode = failed ? 1 : 0;
