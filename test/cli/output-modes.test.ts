/** `--report-dir -` (JSON on stdout, all else on stderr), `--quiet` and `--verbose`, and their misuse (exit 2). */
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';
// Usage errors (exit 2) end before any run: the CLI's main in this process (cli-in-process.ts).
import { cliInProcess } from './cli-in-process.ts';

describe('run output modes', () => {
  it('--format json --report-dir - writes the JSON report, and only it, to stdout', async () => {
    const r = await cli(['run', '--service', 'dcs', '--rules', 'DCS-PWD-LENGTH', '--fault', 'dcs-accepts-65-chars', '--seed', '3', '--format', 'json', '--report-dir', '-']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as ConformanceReport;
    expect(report.rules.map((x) => [x.id, x.verdict])).toEqual([['DCS-PWD-LENGTH', 'fail']]);
    expect(r.stderr).toMatch(/NOT CONFORMANT/);
    expect(r.stderr).toMatch(/✗ DCS-PWD-LENGTH/);
  }, 120_000);

  it('--report-dir - with another format, and --quiet with --verbose, are usage errors (exit 2) that say what to do', async () => {
    // Refused after the plan, where `run` has set its process-wide V8 flags: a process (cli-in-process.ts).
    const md = await cli(['run', '--format', 'json,md', '--report-dir', '-']);
    expect(md.code).toBe(2);
    expect(md.stderr).toMatch(/add --format json/);
    const both = await cliInProcess(['run', '--quiet', '--verbose']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/pick one/);
  }, 60_000);

  it('--quiet prints the failing rule and the verdict, no table and no progress; --verbose a line per rule', async () => {
    const dir = reportDir();
    const quiet = await cli(['run', '--service', 'dcs', '--rules', 'DCS-PWD-*', '--fault', 'dcs-accepts-65-chars', '--seed', '3', '--format', 'json', '--report-dir', dir, '--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toMatch(/✗ DCS-PWD-LENGTH/);
    expect(quiet.stdout).toMatch(/NOT CONFORMANT/);
    expect(quiet.stdout).not.toMatch(/^rule\s+level/m);
    expect(quiet.stderr).not.toMatch(/\[\d+\/\d+\]/);
    const verbose = await cli(['run', '--service', 'dcs', '--rules', 'DCS-PWD-*', '--seed', '3', '--format', 'json', '--report-dir', dir, '--verbose']);
    expect(verbose.code).toBe(0);
    const judged = readJsonReport(dir).rules.length;
    expect(verbose.stderr.match(/\[\d+\/\d+\]/g)?.length).toBe(judged);
  }, 180_000);
});
