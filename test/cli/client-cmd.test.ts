/**
 * `run --client-cmd`: the example clients in Python and Java (conformant and faulty), and
 * clients that break the protocol. Each toolchain's tests skip, with the reason, when it is absent.
 */
import { conformanceArgs, readmeCommand } from '../readme/readme-lines.ts';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, readJsonReport, reportDir, ROOT } from './cli-harness.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import { executeRun } from '../../src/runner/execute-run.ts';
import { resolvePlan } from '../../src/runner/run-plan.ts';
import { writeReports } from '../../reporters/index.ts';

/** Why a toolchain is unusable here, or undefined when it runs. */
function missing(command: string, args: string[]): string | undefined {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return undefined;
  } catch {
    return `${command} is not on PATH`;
  }
}
const noPython = missing('python3', ['--version']) ?? missing('openssl', ['version']);
const noJava = missing('java', ['-version']);
const FAKE = join(ROOT, 'src/clients/process/fixtures/fake-client.mjs');

const verdicts = (report: ConformanceReport, glob: RegExp): Record<string, string> => Object.fromEntries(report.rules.filter((r) => glob.test(r.id)).map((r) => [r.id, r.verdict]));
const failures = (report: ConformanceReport): string[] => report.rules.filter((r) => r.verdict === 'fail').map((r) => `${r.id}: ${r.reason}`);

/** Every report file a run wrote, as text: none may hold a secret key. */
function allReportText(dir: string): string {
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

/**
 * How long a conformant client's run (every rule of both services through the client) may take
 * before the CLI is killed: at load 15–18 on 2 cores (a full `npm test`, 2026-11-29) the Python and
 * Java runs passed the former 170 s default of `cli()` and the test failed on the missing report.
 */
const CLIENT_RUN_LIMIT_MS = 230_000;

// The four README commands of the example clients are independent runs, each its own CLI process
// waiting mostly on its client and suite worker: they run at the same time. The protocol-breaking
// clients below stay one after another (their 1 s case timeout must not meet a loaded machine).
describe.concurrent('example clients (README commands)', () => {
  describe.skipIf(noPython)(`Python example client${noPython ? ` (skipped: ${noPython})` : ''}`, () => {
    it('the conformant client exits 0 on both services, client rules first in the report', async () => {
      const dir = reportDir();
      const r = await cli([...conformanceArgs(readmeCommand('README.md', 'python3 examples/python/change_password.py')), '--report-dir', dir, '--format', 'json'], {}, CLIENT_RUN_LIMIT_MS);
      const report = readJsonReport(dir);
      expect(failures(report)).toEqual([]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(report.target.name).toBe('client:python-stdlib example');
      expect(Object.values(verdicts(report, /-CLIENT-/))).toEqual(Array(9).fill('pass'));
      expect(report.rules.slice(0, 9).every((x) => x.id.includes('-CLIENT-'))).toBe(true);
      expect(report.faults).toEqual([]);
    }, 240_000);

    it('the faulty client (plaintext adminPass) exits 1 with BCC-CLIENT-ENCRYPTION failed, the other client rules passing', async () => {
      const dir = reportDir();
      const r = await cli([...conformanceArgs(readmeCommand('README.md', 'python3 examples/python/change_password_faulty.py')), '--report-dir', dir, '--format', 'json,md']);
      const report = readJsonReport(dir);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(verdicts(report, /-CLIENT-/)).toEqual({
        'BCC-CLIENT-ENCRYPTION': 'fail', 'BCC-CLIENT-ROUTE': 'pass', 'BCC-CLIENT-HEADERS': 'pass', 'BCC-CLIENT-BODY': 'pass', 'BCC-CLIENT-SIGNATURE': 'pass',
        'DCS-CLIENT-ROUTE': 'pass', 'DCS-CLIENT-HEADERS': 'pass', 'DCS-CLIENT-BODY': 'pass', 'DCS-CLIENT-SIGNATURE': 'pass',
      });
      expect(allReportText(dir)).not.toContain(DEFAULT_CREDENTIALS.bcc.secretAccessKey);
    }, 180_000);
  });

  describe.skipIf(noJava)(`Java example client${noJava ? ` (skipped: ${noJava})` : ''}`, () => {
    it('the conformant client exits 0 on both services (one JVM for the whole run)', async () => {
      const dir = reportDir();
      const r = await cli([...conformanceArgs(readmeCommand('README.md', 'java examples/java/ChangePassword.java')), '--report-dir', dir, '--format', 'json'], {}, CLIENT_RUN_LIMIT_MS);
      const report = readJsonReport(dir);
      expect(failures(report)).toEqual([]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(Object.values(verdicts(report, /-CLIENT-/))).toEqual(Array(9).fill('pass'));
      expect(readFileSync(join(dir, 'client-stderr.log'), 'utf8').match(/ started pid /g)).toHaveLength(1);
    }, 240_000);

    it('the faulty client (canonical URI without its slash) exits 1 with DCS-CLIENT-SIGNATURE failed; the report shows the canonical request and string to sign beside the header the client sent', async () => {
      const dir = reportDir();
      const r = await cli([...conformanceArgs(readmeCommand('README.md', 'java -Dfault=canonical-uri-without-slash')), '--report-dir', dir, '--format', 'json,md,html']);
      const report = readJsonReport(dir);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(verdicts(report, /-CLIENT-/)).toEqual({
        'BCC-CLIENT-ENCRYPTION': 'pass', 'BCC-CLIENT-ROUTE': 'pass', 'BCC-CLIENT-HEADERS': 'pass', 'BCC-CLIENT-BODY': 'pass', 'BCC-CLIENT-SIGNATURE': 'pass',
        'DCS-CLIENT-ROUTE': 'pass', 'DCS-CLIENT-HEADERS': 'pass', 'DCS-CLIENT-BODY': 'pass', 'DCS-CLIENT-SIGNATURE': 'fail',
      });
      const md = readFileSync(join(dir, 'conformance-report.md'), 'utf8');
      const details = md.slice(md.indexOf('<summary><code>DCS-CLIENT-SIGNATURE</code>'));
      // The simulator's canonical request ends its URI in "/"; the client sent the path without it.
      expect(details).toMatch(/Server-side canonical request was "PUT\\\\n\/v2\/conformance-project\/instances\/[^"]+\/password\/\\\\n/);
      expect(details).toMatch(/string to sign "SDK-HMAC-SHA256\\\\n\d{8}T\d{6}Z\\\\n[0-9a-f]{64}"/);
      expect(details).toMatch(/the client sent: PUT \/v2\/conformance-project\/instances\/[^ ]+\/password with authorization: SDK-HMAC-SHA256 Access=SIMDCSTESTAK0001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=&lt;redacted&gt;; host: 127\.0\.0\.1:\d+; x-sdk-date: \d{8}T\d{6}Z/);
      expect(allReportText(dir)).not.toContain(DEFAULT_CREDENTIALS.dcs.secretAccessKey);
    }, 180_000);
  });
});

describe('clients that break the protocol', () => {
  const FLAKY = join(ROOT, 'test/cli/fixtures/flaky_client.py');
  // Exit 3 and its summary line are the CLI's: one mode runs through it; the other two run the
  // CLI's own plan and run (resolvePlan → executeRun → the reporters) in this process, which
  // returns the exit status the CLI would take, without a CLI process each.
  it.skipIf(noPython).each([
    ['garbage', 'the CLI', /broke the protocol on case c2 \(bcc changePassword of instance "[^"]+"\): the client's answer to case c2 is not JSON: "DEBUG sending <redacted>"/],
    ['silent', 'in process', /did not answer case c2 \(bcc changePassword of instance "[^"]+"\) within 2000 ms/],
    ['dies', 'in process', /exited \(code 3\) while answering case c2 \(bcc changePassword of instance "[^"]+"\); its last stderr lines: "fatal: out of cheese"/],
  ] as const)(`a client that goes %s on one case (run %s): exit 3, the case named in the report, no rule failed for it${noPython ? ` (skipped: ${noPython})` : ''}`, async (mode, via, message) => {
    const dir = reportDir();
    // Only the silent client needs a short case timeout; the others get one no load reaches (a
    // restarted client that answered its next case late on a busy machine made a second restart).
    const flags = { clientCmd: `python3 ${FLAKY} ${mode} ${join(dir, 'fault-happened')}`, clientTimeout: mode === 'silent' ? '2' : '30', service: 'bcc', rules: 'BCC-CLIENT-*', reportDir: dir, format: 'json,md' };
    if (via === 'the CLI') {
      const r = await cli(['run', '--client-cmd', flags.clientCmd, '--client-timeout', flags.clientTimeout, '--service', flags.service, '--rules', flags.rules, '--report-dir', dir, '--format', flags.format]);
      expect(r.code, r.stdout + r.stderr).toBe(3);
      expect(r.stdout).toContain('NOT CONFORMANT');
    } else {
      const { exitCode } = await executeRun(resolvePlan(flags, {}), { writeReports });
      expect(exitCode).toBe(3);
    }
    const report = readJsonReport(dir);
    expect(failures(report)).toEqual([]);
    expect(report.summary.conformant).toBe(false);
    expect(report.faults[0]).toMatch(/the client under test failed to answer properly \(1 rule\(s\) not judged, 1 restart\(s\)\).*client-stderr\.log/);
    expect(report.faults.join('\n')).toMatch(message);
    const unjudged = report.rules.filter((x) => x.reason.includes('not a verdict'));
    expect(unjudged.map((x) => x.verdict)).toEqual(['skip']);
    expect(report.rules.filter((x) => x.verdict === 'pass')).toHaveLength(4);
    expect(readFileSync(join(dir, 'conformance-report.md'), 'utf8')).toContain('case c2');
  }, 120_000);

  it('a client without a hello line: exit 2 before anything runs, saying how to fix it', async () => {
    const r = await cli(['run', '--client-cmd', `"${process.execPath}" "${FAKE}" no-hello`, '--service', 'bcc', '--report-dir', reportDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not be started: the client's first line is not JSON: "Starting client v1\.0\.\.\."/);
    expect(r.stderr).toMatch(/print the hello line first/);
  }, 60_000);

  it('--client and --client-cmd together are a usage error', async () => {
    const r = await cli(['run', '--client', 'huawei-core', '--client-cmd', 'python3 x.py']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--client and --client-cmd cannot be combined');
  }, 60_000);
});
