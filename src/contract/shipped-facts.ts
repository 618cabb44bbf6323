/**
 * The `x-conformance` facts of a shipped spec as written, for the few modules that need a fact
 * but hold no {@link Contract}: the kit's signer (its default validity window), the request
 * builders (how far a stale or future date must lie, the body fields), the HTML timeline (the
 * lockout's result names). Read once per process from `specs/`, without the loader's
 * validation (1.5 s on first use): `npm run validate-specs` and every `loadSpec` validate these
 * very files, and `shipped-facts.test.ts` checks the facts equal the validated contract's.
 *
 * Where the spec text is unchanged since it was validated in full (the build's
 * `<spec>.validated.json` record or the checkout's cache, `validated-cache.ts`), the facts come
 * from that record's parsed document (JSON), not from the YAML again: parsing both specs' YAML
 * cost ~0.25 s of CPU in every suite worker of every run (issue 17, round 5b).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceFacts, Contract } from './contract.ts';
import { builtinSpecPath, type BuiltinService } from './spec-paths.ts';
import { readCheckoutCache, readValidated } from './validated-cache.ts';

const cache = new Map<BuiltinService, ConformanceFacts>();

/** The facts of a shipped spec before any reading is applied (a reading never changes the facts these callers read). */
export function shippedFacts(service: BuiltinService): ConformanceFacts {
  let facts = cache.get(service);
  if (facts === undefined) {
    facts = readShippedFacts(service).facts;
    cache.set(service, facts);
  }
  return facts;
}

/**
 * Reads a shipped spec's facts, uncached: from the validated record of its unchanged text when
 * there is one and `records` is not `false`, else by parsing its YAML. `from` says which.
 * (Exported for the test that compares the two.)
 */
export function readShippedFacts(service: BuiltinService, records = true): { facts: ConformanceFacts; from: 'validated-record' | 'yaml' } {
  const file = builtinSpecPath(service);
  const text = readFileSync(file, 'utf8');
  const trusted = records ? ((readValidated(file, text) ?? readCheckoutCache(text)) as { 'x-conformance'?: ConformanceFacts } | undefined) : undefined;
  if (trusted?.['x-conformance'] !== undefined) return { facts: trusted['x-conformance'], from: 'validated-record' };
  // yaml is loaded only here: a run whose specs were validated never needs it in a suite worker.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return { facts: (parse(text) as { 'x-conformance': ConformanceFacts })['x-conformance'], from: 'yaml' };
}

/** A shipped spec's fact that the schema leaves optional but the caller needs; throws naming the spec key to add. */
export function requiredFact<T>(value: T | undefined, service: BuiltinService, pointer: string): T {
  if (value === undefined) throw new KitError('SPEC_INVALID', `specs/${service}.openapi.yaml has no x-conformance${pointer}`, 'add it to the spec, citing the document section (see specs/README.md)');
  return value;
}
