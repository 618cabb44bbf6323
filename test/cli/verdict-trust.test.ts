/**
 * Verdicts a vendor would sign (issue "judge only what the documents say"): the cases that once
 * gave a false verdict. The client runs go end to end through the CLI and assert the verdicts and
 * the exit status; the target's faults assert verdicts only, and run in process.
 */
import { describe, expect, it } from 'vitest';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';
import { cli, readJsonReport, reportDir, serve } from './cli-harness.ts';

describe('client runs respect the client', () => {
  it('a DCS-only adapter: every BCC rule skips with the reason, none fails, DCS is judged', async () => {
    const dir = reportDir();
    const r = await cli(['run', '--client', './examples/my-adapter-template.ts', '--rules', 'BCC-PWD-*,BCC-STATUS-*,DCS-PWD-LENGTH', '--report-dir', dir, '--format', 'json', '--seed', '5']);
    const report = readJsonReport(dir);
    const bcc = report.rules.filter((x) => x.service === 'bcc');
    expect(bcc.length).toBeGreaterThan(5);
    for (const rule of bcc) {
      expect(rule.verdict, rule.id).toBe('skip');
      expect(rule.reason, rule.id).toMatch(/does not implement bcc \(its adapter lists dcs\)/);
    }
    expect(report.rules.find((x) => x.id === 'DCS-PWD-LENGTH')?.verdict).toBe('pass');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 180_000);

  // In process (`conformance run`'s plan and suites, test/faults/in-process-run.ts): the README
  // command `run --client huawei-core --service dcs` goes through the CLI with its exit status in
  // test/readme/readme-run-clients.test.ts; here the verdicts at a fixed seed, and what that exit
  // status follows (`summary.conformant`).
  it('the official Huawei SDK core (`--client huawei-core --service dcs`) is conformant: exit 0, nothing fails', async () => {
    const flags = { client: 'huawei-core', service: 'dcs', seed: '11' };
    const session = await openSession(flags);
    try {
      const report = await runInProcess(session, flags);
      expect(report.rules.filter((x) => x.verdict === 'fail').map((x) => `${x.id}: ${x.reason}`)).toEqual([]);
      // Every DCS suite file ran (a file left out would leave its rules not run).
      expect(report.rules.filter((x) => x.verdict === 'not-run').map((x) => x.id)).toEqual([]);
      // The unknown-id rule is judged, not skipped: ids outside the UUID format need only a 4xx.
      expect(report.rules.find((x) => x.id === 'DCS-NOT-FOUND-3022')?.verdict).toBe('pass');
      expect(report.summary.conformant).toBe(true);
    } finally {
      await session.close();
    }
  }, 180_000);
});

describe('faults of the target are not verdicts', () => {
  // Three seeds of `conformance run --target <url> --state-url <url>/__conformance/state` in
  // process (test/faults/in-process-run.ts, one kept-open vitest session): the verdicts are the
  // point here, no exit status is asserted, and a CLI process per seed cost a vitest start each.
  it('a server answering 5% of requests with an unasked-for 500 never fails DCS-LOCK-ATOMIC or another lockout rule', async () => {
    const server = await serve(['--error-rate', '0.05']);
    const flags = { target: server.url, stateUrl: `${server.url}/__conformance/state`, service: 'dcs', rules: 'DCS-LOCK-*' };
    // What the CLI reads from CLOUD_SDK_AK/CLOUD_SDK_SK, given as conformance.config.ts would.
    const config = { credentials: { dcs: { accessKeyId: 'SIMDCSTESTAK0001', secretAccessKey: 'sim-dcs-TEST-ONLY-secret-000001' } } };
    let session: SuiteSession | undefined;
    try {
      session = await openSession(flags, config);
      const failures: string[] = [];
      for (const seed of ['1', '2', '3']) {
        const report = await runInProcess(session, { ...flags, seed }, config);
        expect(report.rules.length).toBe(7);
        // Every selected rule ran (a suite file left out would leave its rules not run).
        expect(report.rules.filter((x) => x.verdict === 'not-run').map((x) => x.id)).toEqual([]);
        failures.push(...report.rules.filter((x) => x.verdict === 'fail').map((x) => `seed ${seed} ${x.id}: ${x.reason}`));
        // A check that met a 500 says so instead of passing or failing.
        for (const rule of report.rules.filter((x) => x.verdict === 'skip')) expect(rule.reason).toMatch(/inconclusive, not a verdict: the target answered 5\d\d/);
      }
      expect(failures).toEqual([]);
    } finally {
      await session?.close();
      await server.stop();
    }
  }, 600_000);
});
