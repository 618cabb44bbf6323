/**
 * What the README run tests share (readme-run*.test.ts, split so that their parts run on both
 * vitest workers): a fresh working directory per command, the CLI as a child process there, a
 * served simulator, and the judgement of a result by the text next to its command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import { ROOT, runNode, type CliResult } from '../cli/cli-harness.ts';
import type { ReadmeCommand } from './readme-lines.ts';

/** The CLI's entry point. */
export const BIN = join(ROOT, 'bin/conformance.js');
/** The simulator's documented test credentials, as a user exports them for a served simulator. */
export const SERVE_ENV = {
  BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001',
  BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
  CLOUD_SDK_AK: 'SIMDCSTESTAK0001',
  CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001',
  CLOUD_SDK_PROJECT_ID: 'conformance-project',
};
const dirs: string[] = [];

/** Removes every {@link workDir} made so far (a test file's afterAll). */
export function removeWorkDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A fresh working directory with the checkout's examples/ linked in. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readme-run-'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  dirs.push(dir);
  return dir;
}

/** Runs `conformance …args` in `cwd`; never throws on a non-zero exit. */
export function conformance(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return node([BIN, ...args], cwd, env);
}

/** Runs `node …args` in `cwd` without colour; never throws on a non-zero exit. */
export function node(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return runNode(args, cwd, env, 300_000);
}

/** The JSON report in `file`. */
export const report = (file: string): ConformanceReport => JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
/** The ids of the rules that fail in `r`. */
export const failing = (r: ConformanceReport): string[] => r.rules.filter((x) => x.verdict === 'fail').map((x) => x.id);

/** Checks what the text next to the command says: its exit status (0 when it states none) and that each rule it names fails. */
export function judge(command: ReadmeCommand, result: CliResult, reportFile?: string): void {
  expect(result.code, `${command.file}:${command.line} ${command.text}\n${result.stdout}${result.stderr}`).toBe(command.exit ?? 0);
  if (command.rules.length > 0) expect(failing(report(reportFile!))).toEqual(expect.arrayContaining(command.rules));
}

/** `conformance serve …args --port 0` in `cwd`, resolved once it listens. */
export function serveIn(cwd: string, args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args, '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) done({ url: m[1]!, stop: () => new Promise((closed) => (child.once('close', () => closed()), child.kill('SIGTERM'))) });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}
