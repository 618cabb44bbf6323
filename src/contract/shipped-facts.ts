/**
 * The `x-conformance` facts of a shipped spec as written, for the few modules that need a fact
 * but hold no {@link Contract}: the kit's signer (its default validity window), the request
 * builders (how far a stale or future date must lie, the body fields), the HTML timeline (the
 * lockout's result names). Parsed once per process from `specs/`, without the loader's
 * validation (1.5 s on first use): `npm run validate-specs` and every `loadSpec` validate these
 * very files, and `shipped-facts.test.ts` checks the parse equals the validated contract's.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceFacts, Contract } from './contract.ts';
import { builtinSpecPath, type BuiltinService } from './spec-paths.ts';

const cache = new Map<BuiltinService, ConformanceFacts>();

/** The facts of a shipped spec before any reading is applied (a reading never changes the facts these callers read). */
export function shippedFacts(service: BuiltinService): ConformanceFacts {
  let facts = cache.get(service);
  if (facts === undefined) {
    facts = (parse(readFileSync(builtinSpecPath(service), 'utf8')) as { 'x-conformance': ConformanceFacts })['x-conformance'];
    cache.set(service, facts);
  }
  return facts;
}

/** A shipped spec's fact that the schema leaves optional but the caller needs; throws naming the spec key to add. */
export function requiredFact<T>(value: T | undefined, service: BuiltinService, pointer: string): T {
  if (value === undefined) throw new KitError('SPEC_INVALID', `specs/${service}.openapi.yaml has no x-conformance${pointer}`, 'add it to the spec, citing the document section (see specs/README.md)');
  return value;
}
