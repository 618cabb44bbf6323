/**
 * Every MUST and SHOULD rule is shown able to fail: the catalogue lists at least one planted
 * fault, faulty client or faulty example for it. A rule added without one fails here, naming
 * it. (That each fault makes its rule fail is run in test/cli/planted-faults.test.ts and
 * test/faults/faulty-clients-run.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../contract/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath } from '../contract/spec-paths.ts';
import { allFaultEvidence, faultsByRule } from './fault-catalogue.ts';

const rules = BUILTIN_SERVICES.flatMap((s) => loadSpec(builtinSpecPath(s)).baseFacts.rules.map((r) => ({ service: s, ...r })));

describe('fault catalogue', () => {
  it('lists a fault for every MUST and SHOULD rule', () => {
    const judged = faultsByRule(rules).filter((r) => r.level === 'MUST' || r.level === 'SHOULD');
    expect(judged.length).toBeGreaterThan(70);
    expect(judged.filter((r) => r.faults.length === 0).map((r) => r.id)).toEqual([]);
  });

  it('names only rules of the catalogue, and every name once', () => {
    const ids = new Set(rules.map((r) => r.id));
    const evidence = allFaultEvidence();
    expect(evidence.filter((e) => !ids.has(e.caughtBy)).map((e) => `${e.name} → ${e.caughtBy}`)).toEqual([]);
    const names = evidence.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('covers every client rule with a faulty client of its own (not only an example)', () => {
    const clientRules = rules.filter((r) => r.id.includes('-CLIENT-')).map((r) => r.id);
    expect(clientRules.length).toBe(9);
    const byClients = new Set(allFaultEvidence().filter((e) => e.kind === 'faulty-client').map((e) => e.caughtBy));
    expect(clientRules.filter((id) => !byClients.has(id))).toEqual([]);
  });

  it('finds a gap: a rule without a fault is listed with none', () => {
    const [made] = faultsByRule([{ service: 'dcs', id: 'DCS-NOT-A-RULE', level: 'MUST', category: 'policy', title: 'x', source: 'y' }]);
    expect(made!.faults).toEqual([]);
  });
});
