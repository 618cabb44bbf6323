/**
 * The evidence that each rule can fail, rule by rule: the simulator's planted faults
 * (`--fault`), the kit's faulty clients (`--client faulty:<name>`) and the faulty example
 * adapters, each listed under the rule it must make fail. `list-rules --faults` prints it and
 * `fault-catalogue.test.ts` fails when a MUST or SHOULD rule has none.
 */
import type { Rule } from '../contract/contract.ts';
import { PLANTED_FAULTS } from '../simulator/faults.ts';
import { FAULTY_CLIENTS, FAULTY_CLIENT_PREFIX, FAULTY_EXAMPLES } from '../clients/faulty-clients.ts';

/** One way to make a rule fail, and how to run it. */
export interface FaultEvidence {
  kind: 'planted-fault' | 'faulty-client' | 'faulty-example';
  name: string;
  description: string;
  /** The flags of `conformance run` that show the rule failing. */
  run: string;
}

/** A rule with the faults that it catches. */
export interface RuleFaults {
  id: string;
  service: string;
  level: Rule['level'];
  category: string;
  title: string;
  faults: FaultEvidence[];
}

/** Every fault and faulty client, each with the rule that catches it. */
export function allFaultEvidence(): Array<FaultEvidence & { caughtBy: string }> {
  return [
    ...Object.entries(PLANTED_FAULTS).map(([name, f]) => ({ kind: 'planted-fault' as const, name, description: f.description, caughtBy: f.caughtBy, run: `--fault ${name} --rules ${[f.caughtBy, ...(f.exposedBy ?? [])].join(',')}` })),
    ...Object.entries(FAULTY_CLIENTS).map(([name, c]) => ({ kind: 'faulty-client' as const, name, description: c.description, caughtBy: c.caughtBy, run: `--client ${FAULTY_CLIENT_PREFIX}${name} --service ${c.service} --rules ${c.caughtBy}` })),
    ...Object.entries(FAULTY_EXAMPLES).map(([name, e]) => ({ kind: 'faulty-example' as const, name, description: e.description, caughtBy: e.caughtBy, run: `--client ${e.module} --service ${e.service} --rules ${e.caughtBy}` })),
  ];
}

/** Rule → faults, in catalogue order; a rule no fault reaches has an empty list. */
export function faultsByRule(rules: ReadonlyArray<Rule & { service: string }>): RuleFaults[] {
  const evidence = allFaultEvidence();
  return rules.map((r) => ({
    id: r.id,
    service: r.service,
    level: r.level,
    category: r.category,
    title: r.title,
    faults: evidence.filter((e) => e.caughtBy === r.id).map(({ caughtBy: _, ...e }) => e),
  }));
}
