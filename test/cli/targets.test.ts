import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';
import { cli, readJsonReport, reportDir, serve } from './cli-harness.ts';

// The same suite files, unchanged, against the simulator over HTTP and against client SDKs.
describe('one suite, many targets', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve();
  }, 60_000);
  afterAll(() => server.stop());

  it('passes against `conformance serve` in another process, through the state protocol', async () => {
    const dir = reportDir();
    const env = {
      BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
      CLOUD_SDK_AK: 'SIMDCSTESTAK0001', CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001', CLOUD_SDK_PROJECT_ID: 'p-http',
    };
    const r = await cli(['run', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--report-dir', dir, '--format', 'json'], env);
    const report = readJsonReport(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(report.runStatus).toBe('complete');
    expect(report.rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(50);
    const unexpected = report.rules.filter((x) => !(x.verdict === 'pass' || x.verdict === 'ambiguous' || (x.verdict === 'skip' && x.category === 'client')));
    expect(unexpected.map((x) => `${x.id}: ${x.verdict} ${x.reason}`)).toEqual([]);
    expect(report.target).toMatchObject({ kind: 'http', name: server.url });
  }, 180_000);

  it('skips state rules with the reason when no state URL is given', async () => {
    const dir = reportDir();
    const env = { BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001' };
    const r = await cli(['run', '--target', server.url, '--service', 'bcc', '--rules', 'BCC-STATUS-*,BCC-PWD-LENGTH', '--report-dir', dir, '--format', 'json'], env);
    const report = readJsonReport(dir);
    expect(report.rules.map((x) => x.id).sort()).toEqual(['BCC-PWD-LENGTH', 'BCC-STATUS-409', 'BCC-STATUS-ALLOWED']);
    // Nothing judged is never conformant.
    expect(report.summary.conformant).toBe(false);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    for (const rule of report.rules) {
      expect(rule.verdict, rule.id).toBe('skip');
      expect(rule.reason, rule.id).toMatch(/needs setupState, which target http:\/\/127\.0\.0\.1:\d+ does not offer/);
    }
  }, 180_000);
});

describe('client targets', () => {
  const clients = [
    ['baidu-send-request', 'bcc', 'BCC-CLIENT-*', []],
    ['huawei-core', 'dcs', 'DCS-CLIENT-*', []],
    ['./examples/faulty-plaintext-adapter.ts', 'bcc', 'BCC-CLIENT-*', ['BCC-CLIENT-ENCRYPTION']],
    ['./examples/faulty-wrong-path-adapter.ts', 'dcs', 'DCS-CLIENT-*', ['DCS-CLIENT-SIGNATURE']],
  ] as const;
  /** The client rules that fail are exactly `failing`, and every other one passes. */
  const expectVerdicts = (report: ReturnType<typeof readJsonReport>, failing: readonly string[], output = ''): void => {
    expect(report.rules.filter((x) => x.verdict === 'fail').map((x) => x.id), output).toEqual(failing);
    expect(report.rules.filter((x) => x.verdict === 'pass').length).toBe(report.rules.length - failing.length);
  };

  // One client through the CLI, for the exit status its failing rule gives; the others as
  // `conformance run --client …` runs them, in process (one kept-open vitest session, see
  // test/faults/in-process-run.ts), where the report's verdict stands for the exit status.
  const [cliClient, ...inProcess] = [clients[2], clients[0], clients[1], clients[3]];
  it(`${cliClient[0]} through the CLI: the client rules that fail are exactly ${JSON.stringify(cliClient[3])}, exit 1`, async () => {
    const [client, service, rules, failing] = cliClient;
    const dir = reportDir();
    const r = await cli(['run', '--client', client, '--service', service, '--rules', rules, '--report-dir', dir, '--format', 'json']);
    expectVerdicts(readJsonReport(dir), failing, r.stdout + r.stderr);
    expect(r.code).toBe(1);
  }, 180_000);

  describe('in process', () => {
    let session: SuiteSession;
    beforeAll(async () => void (session = await openSession({ client: inProcess[0]![0] })), 60_000);
    afterAll(async () => session?.close());

    it.each(inProcess.map(([client, service, rules, failing]) => ({ client, service, rules, failing })))('$client: the client rules that fail are exactly $failing', async ({ client, service, rules, failing }) => {
      const report = await runInProcess(session, { client, service, rules });
      expect(report.rules.length).toBeGreaterThan(0);
      expect(report.rules.filter((x) => x.verdict === 'not-run').map((x) => x.id)).toEqual([]);
      expectVerdicts(report, failing);
      // What the exit status follows: 0 when conformant, 1 when a rule fails.
      expect(report.summary.conformant).toBe(failing.length === 0);
    }, 180_000);
  });

  it('skips the checks of an operation the SDK does not implement, says so, and is never conformant on nothing', async () => {
    const dir = reportDir();
    const r = await cli(['run', '--client', 'baidu-unimplemented', '--service', 'bcc', '--rules', 'BCC-PWD-ACCEPT-VALID,BCC-STATUS-409', '--report-dir', dir, '--format', 'json']);
    const report = readJsonReport(dir);
    expect(report.rules.map((x) => x.id)).toEqual(['BCC-PWD-ACCEPT-VALID', 'BCC-STATUS-409']);
    for (const rule of report.rules) {
      expect(rule.verdict, rule.id).toBe('skip');
      expect(rule.reason, rule.id).toMatch(/does not implement changePassword for bcc: .*unimplemented method/);
    }
    expect(report.summary.conformant).toBe(false);
    expect(r.code).toBe(1);
  }, 180_000);
});
