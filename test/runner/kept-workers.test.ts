/**
 * A suite session keeps its worker threads from one run to the next (src/runner/kept-workers.ts):
 * the kit's fault catalogue and the other in-process tests make dozens of runs through one
 * session, and each used to start a thread that loaded the kit and its specs again. Side by side
 * with the path it shortcuts (a new session, so a new thread, for every run), the same runs must
 * give the same outcomes, and the kept session must really have started only one thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePlan, type RunFlags } from '../../src/runner/run-plan.ts';
import { openSuiteSession } from '../../src/runner/run-suites.ts';
import { runInProcess } from '../faults/in-process-run.ts';
import { digestOf, type ReportDigest } from '../cli/verdict-digest.ts';

/**
 * Runs in the order a session meets them: a planted fault, the other service (a lockout, so the
 * simulator's clock moves), the same target twice (a simulator kept from the run before), and the
 * first fault again after the fault-free runs (its target is built anew).
 */
const RUNS: ReadonlyArray<RunFlags & { rules: string }> = [
  { service: 'bcc', fault: ['accept-33-chars'], rules: 'BCC-PWD-LENGTH' },
  { service: 'dcs', rules: 'DCS-LOCK-THRESHOLD,DCS-PWD-LENGTH' },
  { service: 'bcc', rules: 'BCC-PWD-LENGTH,BCC-AUTH-REQUIRED' },
  { service: 'bcc', rules: 'BCC-PWD-LENGTH,BCC-AUTH-REQUIRED' },
  { service: 'bcc', fault: ['accept-33-chars'], rules: 'BCC-PWD-LENGTH' },
];

const SEED = '20261129';
const settings = resolvePlan({ format: 'json', seed: SEED }, {}).settings;

/**
 * What must not change (test/cli/verdict-digest.ts, as `verdict-identity` compares it): per rule
 * the verdict, cases, reason, counterexample and replay key, and the observations. Times, dates
 * and instance ids (numbered per worker) are left out, as they differ between any two runs.
 */
const digest = async (session: Parameters<typeof runInProcess>[0], flags: RunFlags): Promise<ReportDigest> => digestOf(await runInProcess(session, { seed: SEED, ...flags }), null);

describe('a suite session whose workers outlive its runs', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => void (await Promise.all(open.map((s) => s.close()))));

  it('gives each run the outcomes a new worker gives it, and starts one thread for all the runs', async () => {
    const kept = await openSuiteSession(settings, { maxWorkers: 1 });
    open.push(kept);
    const keptRuns: ReportDigest[] = [];
    for (const flags of RUNS) keptRuns.push(await digest(kept, flags));
    // A new session (so a new thread) per distinct run: a run repeated at the same seed gives the
    // same digest on a new worker (what verdict-identity relies on), so repeats share theirs.
    const fresh = new Map<string, ReportDigest>();
    for (const flags of RUNS) {
      if (fresh.has(JSON.stringify(flags))) continue;
      const session = await openSuiteSession(settings, { maxWorkers: 1 });
      open.push(session);
      fresh.set(JSON.stringify(flags), await digest(session, flags));
      await open.pop()!.close();
    }
    const freshRuns = RUNS.map((flags) => fresh.get(JSON.stringify(flags))!);
    for (const [i, flags] of RUNS.entries()) expect(keptRuns[i], `run ${i + 1}: ${JSON.stringify(flags)}`).toEqual(freshRuns[i]);
    // Not green on nothing: every selected rule ran in every run, and the planted fault was caught.
    for (const [i, flags] of RUNS.entries()) {
      expect(keptRuns[i]!.rules.filter((r) => r.verdict !== 'not-run').map((r) => r.id).sort(), JSON.stringify(flags)).toEqual(flags.rules.split(',').sort());
    }
    const verdicts = keptRuns.map((d) => d.rules.map((r) => `${r.id} ${r.verdict}`));
    expect(verdicts[0]).toEqual(['BCC-PWD-LENGTH fail']);
    expect(verdicts[4]).toEqual(['BCC-PWD-LENGTH fail']);
    expect(verdicts[2]).toEqual(['BCC-AUTH-REQUIRED pass', 'BCC-PWD-LENGTH pass']);
    expect(verdicts[3]).toEqual(verdicts[2]);
    expect(kept.workerStarts()).toBe(1);
    expect(fresh.size).toBe(3);
  }, 180_000);

  it('keeps at most one thread per pool id when its runs use two workers (a server session per VITEST_POOL_ID)', async () => {
    const kept = await openSuiteSession(settings, { maxWorkers: 2 });
    open.push(kept);
    const flags = { service: 'bcc,dcs', rules: 'BCC-PWD-LENGTH,DCS-PWD-LENGTH' };
    const runs: ReportDigest[] = [];
    for (let i = 0; i < 3; i++) runs.push(await digest(kept, flags));
    expect(runs[0]!.rules.map((r) => `${r.id} ${r.verdict}`)).toEqual(['BCC-PWD-LENGTH pass', 'DCS-PWD-LENGTH pass']);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(kept.workerStarts()).toBeLessThanOrEqual(2);
  }, 180_000);
});
