import { describe, it, expect } from 'vitest';
import { cli, closedPort, readJsonReport, reportDir } from './cli-harness.ts';
import { cliInProcess } from './cli-in-process.ts';

/**
 * Usage errors end before any run: most call the CLI's `main` in this process (cli-in-process.ts),
 * the same function `bin/conformance.js` takes its exit status from. These go through the CLI
 * process: one per way `main` turns an error into exit 2 (a flag commander rejects, a KitError of
 * the plan), so the wiring from `main` to the process's exit status and stderr stays proved; and
 * the two that are refused only after the run has set its process-wide V8 flags.
 */
const THROUGH_THE_CLI = new Set(['run --no-such-flag', 'run --seed abc', 'run --report-dir - --format md', 'run --client ./no-such-adapter.ts']);

describe('exit status', () => {
  it.each([
    [['run', '--service', 'ftp'], /Unknown --service "ftp"[\s\S]*use bcc, dcs or all/],
    [['run', '--target', 'ftp://x'], /neither "simulator" nor an http\(s\) URL/],
    [['run', '--variant', 'DCS-A1=maybe'], /DCS-A1=failed-on-fifth, DCS-A1=locked-on-fifth/],
    // --format reads the same way in run and merge; a list from the config file is named as such.
    [['run', '--format', 'pdf'], /--format pdf: unknown report format "pdf"[\s\S]*use any of json,junit,md,html/],
    [['run', '--format', ' , '], /--format " , ": no report format given[\s\S]*use any of json,junit,md,html/],
    [['merge', '/nonexistent.json', '--format', ' , '], /--format " , ": no report format given[\s\S]*use any of json,junit,md,html/],
    [['run', '--config', 'test/cli/fixtures/bad-formats.config.ts'], /formats in the config file \["PDF"\]: unknown report format "PDF"[\s\S]*formats: \['json', 'html'\]/],
    [['run', '--report-dir', '-', '--format', 'md'], /--report-dir - writes one JSON report to stdout/],
    [['run', '--seed', '2147483648'], /--seed 2147483648 is not a whole number from 0 to 2147483647/],
    [['run', '--seed', 'abc'], /--seed abc is not a whole number/],
    [['run', '--fault', 'nope'], /Unknown planted fault "nope"[\s\S]*lock-after-4/],
    [['run', '--client', './no-such-adapter.ts'], /no-such-adapter/],
    [['run', '--target', 'http://127.0.0.1:1'], /No BCC credentials[\s\S]*BCE_ACCESS_KEY_ID and BCE_SECRET_ACCESS_KEY/],
    [['run', '--expected-failures', '/nonexistent.json'], /Cannot read expected-failures file/],
    [['replay', '/nonexistent.json', 'X'], /Cannot read report/],
    [['run', '--no-such-flag'], /unknown option/],
    [['run', '--shard', '3/2'], /--shard "3\/2" names no shard[\s\S]*INDEX runs from 1 to COUNT/],
    [['run', '--max-skip', 'ten'], /--max-skip "ten" is neither a number of rules nor a percentage[\s\S]*--max-skip 10%/],
    [['run', '--max-skip', '150%'], /--max-skip "150%"[\s\S]*from 0% to 100%/],
    [['run', '--require-rules', 'DCS-LOCK-?'], /--require-rules "DCS-LOCK-\?" is not a rule id glob[\s\S]*list-rules/],
    [['merge', '/nonexistent.json', '--format', 'pdf'], /--format pdf: unknown report format "pdf"[\s\S]*json,junit,md,html/],
  ])('2 for a usage or configuration error, with a fix: %j', async (args, message) => {
    const run = THROUGH_THE_CLI.has(args.join(' ')) ? cli : cliInProcess;
    const r = await run(args, { BCE_ACCESS_KEY_ID: '', BCE_SECRET_ACCESS_KEY: '' });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  });

  it('3 when the target cannot be reached, and the report is still written', async () => {
    const dir = reportDir();
    const port = await closedPort();
    const env = { BCE_ACCESS_KEY_ID: 'ak', BCE_SECRET_ACCESS_KEY: 'sk-0123456789abcdef', CLOUD_SDK_AK: 'ak', CLOUD_SDK_SK: 'sk-0123456789abcdef' };
    const r = await cli(['run', '--target', `http://127.0.0.1:${port}`, '--report-dir', dir], env);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const report = readJsonReport(dir);
    expect(report.faults[0]).toMatch(/unreachable \(refused\)/);
    expect(report.rules.every((x) => x.verdict === 'not-run' && x.reason.startsWith('not run: target unreachable'))).toBe(true);
    expect(report.runStatus).toBe('target-unreachable');
  });

  it('1 when a MUST rule fails, 0 with --fail-on none, and --fail-on should counts SHOULD rules', async () => {
    const dir = reportDir();
    const fail = await cli(['run', '--fault', 'lock-after-4', '--service', 'dcs', '--rules', 'DCS-LOCK-THRESHOLD', '--report-dir', dir]);
    expect(fail.code, fail.stdout).toBe(1);
    expect(readJsonReport(dir).rules.find((x) => x.id === 'DCS-LOCK-THRESHOLD')?.verdict).toBe('fail');
    const none = await cli(['run', '--fault', 'lock-after-4', '--service', 'dcs', '--rules', 'DCS-LOCK-THRESHOLD', '--fail-on', 'none', '--report-dir', reportDir()]);
    expect(none.code).toBe(0);
    // DCS-BODY-EMPTY-4004 is a SHOULD rule: its failure counts only with --fail-on should.
    const args = ['run', '--fault', 'empty-body-4005', '--service', 'dcs', '--rules', 'DCS-BODY-EMPTY-4004'];
    const must = await cli([...args, '--report-dir', reportDir()]);
    expect(must.code, must.stdout).toBe(0);
    expect(must.stdout).toMatch(/DCS-BODY-EMPTY-4004\s+SHOULD\s+fail/);
    const should = await cli([...args, '--fail-on', 'should', '--report-dir', reportDir()]);
    expect(should.code, should.stdout).toBe(1);
  }, 180_000); // four runs in turn

  it('turns a listed failure into expected-fail (exit 0) and reports stale entries', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = reportDir();
    const file = `${dir}/expected.json`;
    writeFileSync(file, JSON.stringify([
      { rule: 'DCS-LOCK-THRESHOLD', target: 'simulator', reason: 'known: planted fault' },
      { rule: 'DCS-LOCK-ATOMIC', target: '*', reason: 'stale entry' },
      { rule: 'DCS-LOCK-WRONG-OLD', target: 'simulator', reason: 'expired entry', expires: '2020-01-01' },
    ]));
    const r = await cli(['run', '--fault', 'lock-after-4', '--service', 'dcs', '--rules', 'DCS-LOCK-THRESHOLD,DCS-LOCK-ATOMIC,DCS-LOCK-WRONG-OLD', '--expected-failures', file, '--report-dir', dir]);
    const report = readJsonReport(dir);
    expect(report.rules.find((x) => x.id === 'DCS-LOCK-THRESHOLD')?.verdict).toBe('expected-fail');
    expect(report.rules.find((x) => x.id === 'DCS-LOCK-WRONG-OLD')?.verdict).toBe('fail'); // expired entries no longer excuse
    expect(report.expectedFailureNotes.join('\n')).toMatch(/DCS-LOCK-ATOMIC is listed as an expected failure on \* but now passes/);
    expect(report.expectedFailureNotes.join('\n')).toMatch(/DCS-LOCK-WRONG-OLD on simulator expired on 2020-01-01/);
    expect(r.code).toBe(1);
  }, 180_000);
});
