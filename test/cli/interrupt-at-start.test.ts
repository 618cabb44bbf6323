/**
 * Ctrl-C in the first second of a run, before any rule has finished: the suites' runner (vitest)
 * is being created then, and vitest's own handler would end the process at once, with no report.
 * Whenever the Ctrl-C comes, the run ends with exit 130 and a partial report marked interrupted.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonReport, reportDir, ROOT } from './cli-harness.ts';

/** Starts a run, sends SIGINT `delayMs` after its first line; resolves with what it gave. */
async function interruptedAt(delayMs: number): Promise<{ code: number | null; stdout: string; stderr: string; dir: string; sent: boolean }> {
  const dir = reportDir();
  // A run that ignored the Ctrl-C would judge every rule: the not-run count below shows it.
  const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--seed', '12', '--format', 'json', '--report-dir', dir], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (!sent && stdout.includes('conformance run: target')) {
      sent = true;
      setTimeout(() => child.kill('SIGINT'), delayMs);
    }
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, stdout, stderr, dir, sent };
}

describe('Ctrl-C as a run starts', () => {
  // 0 ms: vitest is being created (a second or so from the first line on this machine; without
  // the fix, vitest's own handler ended the process with no report); 150 ms: later in the same
  // start, or the first checks, whichever the load gives.
  it.each([0, 150])('SIGINT %i ms after the first line: exit 130, a partial report, no rule run to its end', async (delayMs) => {
    const r = await interruptedAt(delayMs);
    const output = r.stdout + r.stderr;
    expect(r.sent, output).toBe(true);
    expect(r.code, output).toBe(130);
    expect(r.stderr).toContain('interrupted: finishing the current checks and writing a partial report');
    expect(existsSync(join(r.dir, 'conformance-report.json')), output).toBe(true);
    const report = readJsonReport(r.dir);
    expect(report).toMatchObject({ runStatus: 'interrupted', interrupted: true, summary: { conformant: false } });
    // The Ctrl-C came before the suites ran: far fewer rules than the run has were judged.
    const notRun = report.rules.filter((x) => x.verdict === 'not-run').length;
    expect(notRun, output).toBeGreaterThan(report.rules.length / 2);
    expect(report.rules.filter((x) => x.verdict === 'pass' && x.cases === 0).map((x) => x.id)).toEqual([]);
    expect(r.stdout).toContain('INCOMPLETE — interrupted');
  }, 120_000);
});
