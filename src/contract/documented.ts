/** The documented contracts (default readings), loaded once per worker. */
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';
import type { Contract } from './contract.ts';

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
