import { conformanceArgs, readmeCommand } from '../readme/readme-lines.ts';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SILENT_PLACES } from '../../src/simulator/silent-places.ts';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';
import { cli, readJsonReport, reportDir, serve } from './cli-harness.ts';
// Usage errors (exit 2) end before any run: the CLI's main in this process (cli-in-process.ts).
import { cliInProcess } from './cli-in-process.ts';

// The kit's guard against over-fitting (issue 11, "What to build" 3): the alternate profile
// makes another allowed choice at every place the documents leave open, so the whole kit must
// give it 0 fail, and report each of its choices as an observation.

/** The served simulator's test credentials (the CLI reads them from BCE_… and CLOUD_SDK_… variables). */
const CONFIG = {
  credentials: {
    bcc: { accessKeyId: 'sim-bcc-test-ak-0001', secretAccessKey: 'sim-bcc-TEST-ONLY-secret-000001' },
    dcs: { accessKeyId: 'SIMDCSTESTAK0001', secretAccessKey: 'sim-dcs-TEST-ONLY-secret-000001', projectId: 'p-alternate' },
  },
};

/** An observation as the report lists it (report.observations). */
interface Observation {
  rule: string;
  service: string;
  topic: string;
  title: string;
  choice: string;
  evidence: unknown;
  count: number;
}

/** Fails with every failing rule and its reason, one per line. */
function expectNoFail(report: ReturnType<typeof readJsonReport>, output: string): void {
  expect(report.rules.length, output).toBeGreaterThan(0);
  const failing = report.rules.filter((r) => r.verdict === 'fail').map((r) => `${r.id}: ${(r.reason ?? '').split('\n')[0]}`);
  expect(failing, output).toEqual([]);
  // Not run is not passed: every rule was judged or skipped with a reason.
  expect(report.rules.filter((r) => r.verdict !== 'pass' && r.verdict !== 'ambiguous' && r.verdict !== 'skip').map((r) => r.id)).toEqual([]);
}

/** Silent places whose alternate choice no observation of the service names. */
function unobserved(report: ReturnType<typeof readJsonReport>): string[] {
  const observations = ((report as unknown as { observations?: Observation[] }).observations ?? []);
  return SILENT_PLACES.filter((place) => !observations.some((o) => o.service === place.service && (place.topic === undefined || o.topic.includes(place.topic)) && `${o.choice} ${JSON.stringify(o.evidence)}`.includes(place.evidence))).map((p) => `${p.id} (alternate: ${p.alternateChoice}; look for "${p.evidence}"${p.topic ? ` in topic *${p.topic}*` : ''})`);
}

describe('the whole kit against the alternate profile', () => {
  it('in-process (`run --profile alternate`): 0 fail, each silent choice observed', async () => {
    const dir = reportDir();
    const r = await cli([...conformanceArgs(readmeCommand('README.md', 'npx conformance run --profile alternate')), '--report-dir', dir, '--format', 'json']);
    const report = readJsonReport(dir);
    expectNoFail(report, r.stdout + r.stderr);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(unobserved(report), `replay: the same command with --seed ${report.seed}`).toEqual([]);
  }, 240_000);

  // The run over HTTP goes in process (test/faults/in-process-run.ts: the runner APIs
  // `conformance run` calls); the served simulator stays a `conformance serve` process. The exit
  // status of a conformant run over HTTP is proved through the CLI in targets.test.ts.
  describe('over HTTP', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    let session: SuiteSession;
    let flags: { target: string; stateUrl: string };
    beforeAll(async () => {
      server = await serve(['--profile', 'alternate']);
      flags = { target: server.url, stateUrl: `${server.url}/__conformance/state` };
      session = await openSession(flags, CONFIG);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
      await server?.stop();
    });

    it('(`serve --profile alternate` + --target + --state-url): 0 fail, each silent choice observed', async () => {
      expect(server.output()).toContain('profile: alternate');
      const report = await runInProcess(session, flags, CONFIG);
      expectNoFail(report, server.output());
      expect(report.rules.filter((x) => x.verdict === 'not-run').map((x) => x.id)).toEqual([]);
      // What the exit status follows: 0 when conformant.
      expect(report.summary.conformant).toBe(true);
      expect(unobserved(report), `replay: the same command with --seed ${report.seed}`).toEqual([]);
    }, 240_000);
  });

  it('refuses --profile for a URL target, saying where the profile belongs', async () => {
    const r = await cliInProcess(['run', '--profile', 'alternate', '--target', 'http://127.0.0.1:9', '--report-dir', reportDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/conformance serve --profile/);
  }, 60_000);

  it('refuses an unknown profile name, listing the known ones', async () => {
    const r = await cliInProcess(['run', '--profile', 'strict', '--report-dir', reportDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/default, alternate/);
  }, 60_000);
});
