/** Runs the `conformance` CLI as a user would (a child process) and collects what it printed. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../../src/report/report-model.ts';

/** The kit's root folder. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/conformance.js');

/** What a CLI run left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `conformance ...args` to completion (from the checkout's root). */
export function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 170_000): Promise<CliResult> {
  return runNode([BIN, ...args], ROOT, env, timeoutMs);
}

/** Runs `node ...args` in `cwd` without colour, killed after `timeoutMs`; never throws on a non-zero exit. */
export function runNode(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 170_000): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Starts `conformance serve` and resolves with its URL once it listens. */
export function serve(args: string[] = []): Promise<{ url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1]!,
          child,
          output: () => out,
          stop: () => new Promise((done) => {
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
  });
}

/** A fresh report folder. */
export function reportDir(): string {
  return mkdtempSync(join(tmpdir(), 'conformance-report-'));
}

/** Reads the JSON report a run wrote. */
export function readJsonReport(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, 'conformance-report.json'), 'utf8')) as ConformanceReport;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
