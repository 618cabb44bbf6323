/**
 * Replay is portable: the report stores the adapter's absolute path, so replay works from any
 * directory; a conformance.config.ts lying in that directory is not read (only --config is);
 * the replay report goes next to the original report, not into the working directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonReport, reportDir, ROOT } from './cli-harness.ts';

function cliIn(cwd: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

describe('replay from another directory', () => {
  it('reproduces a client failure, ignores the local config, writes under the report dir', async () => {
    const dir = reportDir();
    const first = await cli(['run', '--client', './examples/faulty-plaintext-adapter.ts', '--service', 'bcc', '--rules', 'BCC-CLIENT-ENCRYPTION', '--seed', '3', '--report-dir', dir, '--format', 'json']);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    const report = readJsonReport(dir);
    expect(report.invocation.client).toBe(join(ROOT, 'examples/faulty-plaintext-adapter.ts'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'replay-cwd-'));
    // A config of another project: read, it would be an error (unknown key) or change the run.
    writeFileSync(join(elsewhere, 'conformance.config.ts'), 'export default { notAKey: true };\n');
    // The report's replay command names the report file the run wrote; it is what we run.
    const command = report.rules.find((r) => r.id === 'BCC-CLIENT-ENCRYPTION')?.replay?.command;
    expect(command).toBe(`npx conformance replay ${resolve(dir, 'conformance-report.json')} BCC-CLIENT-ENCRYPTION`);
    const replay = await cliIn(elsewhere, command!.split(' ').slice(2));
    expect(replay.code, replay.out).toBe(1);
    expect(replay.out).toMatch(/reproduced:/);
    expect(existsSync(join(dir, 'replay/conformance-report.json'))).toBe(true);
    expect(existsSync(join(elsewhere, 'conformance-replay'))).toBe(false);
    const withConfig = await cliIn(elsewhere, ['replay', join(dir, 'conformance-report.json'), 'BCC-CLIENT-ENCRYPTION', '--config', 'conformance.config.ts']);
    expect(withConfig.code).toBe(2);
    expect(withConfig.out).toMatch(/unknown key\(s\): notAKey/);
  }, 180_000);
});
