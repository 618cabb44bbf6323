/**
 * Each planted fault must be caught by the rule named for it: proof that the rule can fail.
 * The catalogue runs in process through one vitest session (`test/faults/in-process-run.ts`,
 * the runner APIs the CLI uses); two CLI runs remain as the end-to-end proof of the flag and of
 * the exit status (a MUST rule's failure exits 1, a SHOULD rule's alone exits 0).
 */
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { PLANTED_FAULTS, type PlantedFault } from '../../src/simulator/faults.ts';
import { loadSpec } from '../../src/contract/load-spec.ts';
import { builtinSpecPath } from '../../src/contract/spec-paths.ts';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

const catalogue = new Map((['bcc', 'dcs'] as const).flatMap((s) => loadSpec(builtinSpecPath(s)).facts.rules.map((r) => [r.id, r] as const)));
const serviceOf = (f: PlantedFault): 'bcc' | 'dcs' => (f.caughtBy.startsWith('BCC') ? 'bcc' : 'dcs');
const isMust = (f: PlantedFault): boolean => catalogue.get(f.caughtBy)?.level === 'MUST';

/**
 * Runs, each planting one fault, or one BCC and one DCS fault together: a fault of one service
 * cannot change the other service's answers, so each catch stays unambiguous, and the test makes
 * half as many runs. Faults that change both services run alone.
 */
function runsOf(faults: ReadonlyArray<[string, PlantedFault]>): Array<Array<[string, PlantedFault]>> {
  const single = faults.filter(([, f]) => !f.bothServices);
  const bcc = single.filter(([, f]) => serviceOf(f) === 'bcc');
  const dcs = single.filter(([, f]) => serviceOf(f) === 'dcs');
  const runs: Array<Array<[string, PlantedFault]>> = faults.filter(([, f]) => f.bothServices).map((f) => [f]);
  for (let i = 0; i < Math.max(bcc.length, dcs.length); i++) runs.push([bcc[i], dcs[i]].filter((x): x is [string, PlantedFault] => x !== undefined));
  return runs;
}

const flagsOf = (run: ReadonlyArray<[string, PlantedFault]>) => ({
  fault: run.map(([n]) => n),
  service: [...new Set(run.map(([, f]) => serviceOf(f)))].join(','),
  rules: run.flatMap(([, f]) => [f.caughtBy, ...(f.exposedBy ?? [])]).join(','),
});

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

  describe('in process', () => {
    // Two sessions (one vitest instance each, runs in turn within each): the machine's two cores.
    // One suite worker each, kept from run to run (src/runner/kept-workers.ts: the kit and its
    // specs load once per session, not once per run): most runs end within a few cases, so a
    // second worker per run, for its other service's file, would mostly wait (bench/README.md,
    // "npm test wall time", rounds 3 and 6).
    let sessions: SuiteSession[] = [];
    const oneWorker = { maxWorkers: 1 };
    beforeAll(async () => void (sessions = await Promise.all([openSession({}, {}, oneWorker), openSession({}, {}, oneWorker)])), 60_000);
    afterAll(async () => void (await Promise.all(sessions.map((s) => s.close()))));

    // Only the catching rules run (and those whose requests expose a fault), only their files load.
    it.concurrent.each(runsOf(Object.entries(PLANTED_FAULTS)).map((run, i) => [run.map(([n]) => n).join(' + '), run, i] as const))('%s', async (_label, run, i) => {
      const report = await runInProcess(sessions[i % sessions.length]!, flagsOf(run));
      for (const [name, fault] of run) {
        const rule = report.rules.find((x) => x.id === fault.caughtBy);
        expect(rule?.verdict, `${name}: ${rule?.reason}`).toBe('fail');
      }
      // With the default --fail-on must, only a MUST rule's failure makes the run non-conformant (exit 1).
      expect(report.summary.conformant).toBe(!run.some(([, f]) => isMust(f)));
    }, 300_000);
  });

  // End to end: the --fault flag through the CLI, and the exit status for MUST and for SHOULD.
  const must = Object.entries(PLANTED_FAULTS).find(([, f]) => isMust(f) && !f.bothServices && !f.exposedBy && serviceOf(f) === 'dcs')!;
  const should = Object.entries(PLANTED_FAULTS).find(([, f]) => !isMust(f) && !f.bothServices && serviceOf(f) === 'bcc')!;
  it.concurrent.each([[must[0], 1, must[1]], [should[0], 0, should[1]]] as const)('CLI: --fault %s exits %i', async (name, code, fault) => {
    const dir = reportDir();
    const r = await cli(['run', ...['--fault', name], '--service', serviceOf(fault), '--rules', fault.caughtBy, '--report-dir', dir, '--format', 'json']);
    const rule = readJsonReport(dir).rules.find((x) => x.id === fault.caughtBy);
    expect(rule?.verdict, `${name}: ${rule?.reason}\n${r.stderr}`).toBe('fail');
    expect(r.code).toBe(code);
  }, 300_000);
});
