import { describe, it, expect } from 'vitest';
import { PLANTED_FAULTS, type PlantedFault } from '../../src/simulator/faults.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { builtinSpecPath } from '../../src/spec/spec-paths.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

const catalogue = new Map((['bcc', 'dcs'] as const).flatMap((s) => loadSpec(builtinSpecPath(s)).facts.rules.map((r) => [r.id, r] as const)));
const serviceOf = (f: PlantedFault): 'bcc' | 'dcs' => (f.caughtBy.startsWith('BCC') ? 'bcc' : 'dcs');

/**
 * Runs of the CLI, each planting one fault, or one BCC and one DCS fault together: a fault of
 * one service cannot change the other service's answers, so each catch stays unambiguous, and
 * the test makes half as many runs. Faults that change both services run alone.
 */
function runsOf(faults: ReadonlyArray<[string, PlantedFault]>): Array<Array<[string, PlantedFault]>> {
  const single = faults.filter(([, f]) => !f.bothServices);
  const bcc = single.filter(([, f]) => serviceOf(f) === 'bcc');
  const dcs = single.filter(([, f]) => serviceOf(f) === 'dcs');
  const runs: Array<Array<[string, PlantedFault]>> = faults.filter(([, f]) => f.bothServices).map((f) => [f]);
  for (let i = 0; i < Math.max(bcc.length, dcs.length); i++) runs.push([bcc[i], dcs[i]].filter((x): x is [string, PlantedFault] => x !== undefined));
  return runs;
}

// Each planted fault must be caught by the rule named for it: proof that the rule can fail.
describe('planted faults are caught by the rule named for them', () => {
  it('has at least 30 faults, each naming a rule of the catalogue', () => {
    expect(Object.keys(PLANTED_FAULTS).length).toBeGreaterThanOrEqual(30);
    const unknown = Object.entries(PLANTED_FAULTS).flatMap(([name, f]) => [f.caughtBy, ...(f.exposedBy ?? [])].filter((id) => !catalogue.has(id)).map((id) => `${name}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('plans every fault into exactly one run, never two faults of one service together', () => {
    const runs = runsOf(Object.entries(PLANTED_FAULTS));
    expect(runs.flat().map(([n]) => n).sort()).toEqual(Object.keys(PLANTED_FAULTS).sort());
    for (const run of runs) expect(new Set(run.map(([, f]) => (f.bothServices ? 'both' : serviceOf(f)))).size, run.map(([n]) => n).join(' + ')).toBe(run.length);
  });

  // Only the catching rules run (and those whose requests expose a fault): a few seconds each.
  it.concurrent.each(runsOf(Object.entries(PLANTED_FAULTS)).map((run) => [run.map(([n]) => n).join(' + '), run] as const))('%s', async (_label, run) => {
    const dir = reportDir();
    const rules = run.flatMap(([, f]) => [f.caughtBy, ...(f.exposedBy ?? [])]);
    const services = [...new Set(run.map(([, f]) => serviceOf(f)))].join(',');
    const r = await cli(['run', ...run.flatMap(([n]) => ['--fault', n]), '--service', services, '--rules', rules.join(','), '--report-dir', dir, '--format', 'json']);
    const report = readJsonReport(dir);
    for (const [name, fault] of run) {
      const rule = report.rules.find((x) => x.id === fault.caughtBy);
      expect(rule?.verdict, `${name}: ${rule?.reason}\n${r.stderr}`).toBe('fail');
    }
    // With the default --fail-on must, only a MUST rule's failure makes the exit status 1.
    expect(r.code).toBe(run.some(([, f]) => catalogue.get(f.caughtBy)?.level === 'MUST') ? 1 : 0);
  }, 300_000);
});
