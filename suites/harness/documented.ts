/** The documented contracts (default readings), loaded once per worker. */
import { loadSpec } from '../../src/spec/load-spec.ts';
import { builtinSpecPath } from '../../src/spec/spec-paths.ts';
import type { Contract } from '../../src/spec/contract.ts';

const contracts = new Map<string, Contract>();

/** The documented contract of a service. */
export function documentedContract(service: 'bcc' | 'dcs'): Contract {
  let c = contracts.get(service);
  if (!c) {
    c = loadSpec(builtinSpecPath(service));
    contracts.set(service, c);
  }
  return c;
}
