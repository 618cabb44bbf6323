/** A failing lockout rule carries its timeline into the report and the HTML page (issue 15: the list was empty). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

describe('lockout timelines of failing rules', () => {
  it('DCS-LOCK-DURATION fails under lock-never-expires and its timeline is in the JSON and the HTML report', async () => {
    const dir = reportDir();
    const r = await cli(['run', '--service', 'dcs', '--rules', 'DCS-LOCK-DURATION', '--fault', 'lock-never-expires', '--seed', '3', '--report-dir', dir, '--format', 'json,html']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const report = readJsonReport(dir);
    expect(report.rules.find((x) => x.id === 'DCS-LOCK-DURATION')?.verdict).toBe('fail');
    const timeline = report.timelines.find((t) => t.rule === 'DCS-LOCK-DURATION');
    expect(timeline?.steps.length).toBeGreaterThan(5);
    expect(timeline?.steps.filter((s) => s.action === 'wrong').length).toBeGreaterThanOrEqual(5);
    expect(readFileSync(join(dir, 'conformance-report.html'), 'utf8')).toMatch(/<svg class="timeline-svg"/);
  }, 120_000);
});
