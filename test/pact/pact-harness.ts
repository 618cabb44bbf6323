/**
 * Helpers of the Pact tests. Everything that loads Pact runs in a child process: vitest runs
 * test files in worker threads, whose `process.env` is private, so `PACT_DO_NOT_TRACK` set there
 * would never reach Pact's native core — and a child's output, native lines included, can be
 * captured and searched for WARN lines. The simulator runs in the test's own process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSimulator, type SimulatorOptions } from '../../src/simulator/simulator.ts';
import { startServer } from '../../src/simulator/server.ts';
import { DEFAULT_CREDENTIALS, type Credential } from '../../src/auth/default-credentials.ts';
import { STATE_PATH } from '../../src/simulator/core/state-endpoint.ts';
import { loadSpec } from '../../src/contract/load-spec.ts';
import { builtinSpecPath } from '../../src/contract/spec-paths.ts';

/** The kit's root folder. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** What a child process printed, and how it ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr without ANSI colours (Pact's native core colours its report regardless of NO_COLOR). */
  output: string;
}

/** tsx's loader by URL, so a child can run in any working directory. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const ANSI = /\u001b\[[0-9;]*m/g;

/** Runs `node --import tsx <script> ...args` from the kit's root with Pact's tracking off. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 120_000, cwd = ROOT): Promise<RunResult> {
  return new Promise((done, fail) => {
    // Start from a copy without credentials, so the developer's own never leak into a test.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BCE_|CLOUD_SDK_)/.test(k)));
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, script), ...args], {
      cwd,
      env: { ...base, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, output: `${stdout}\n${stderr}`.replace(ANSI, '') });
    });
  });
}

/** `conformance pact …args` (through test/pact/pact-cli.ts until main.ts registers it). */
export function pactCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<RunResult> {
  return runScript('test/pact/pact-cli.ts', ['pact', ...args], env, 120_000, cwd);
}

/** Lines a Pact logger (JS or native) printed at WARN level. */
export function warnLines(output: string): string[] {
  return output.split('\n').filter((line) => /\bWARN\b/.test(line));
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'pact-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made in this test file (call it in `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A simulator over HTTP on 127.0.0.1, any free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<{ url: string; stateUrl: string; close: () => Promise<void> }> {
  const server = await startServer(createSimulator(options), { host: '127.0.0.1', port: 0 });
  return { url: server.url, stateUrl: `${server.url}${STATE_PATH}`, close: () => server.close() };
}

/** The environment variables the specs name for credentials, set to the given (default: the simulator's) keys. */
export function credentialEnv(keys: { bcc?: Credential; dcs?: Credential } = DEFAULT_CREDENTIALS): Record<string, string> {
  const env: Record<string, string> = {};
  for (const service of ['bcc', 'dcs'] as const) {
    const key = keys[service];
    if (!key) continue;
    const names = loadSpec(builtinSpecPath(service)).facts.auth.credentialEnv;
    env[names.accessKeyId] = key.accessKeyId;
    env[names.secretAccessKey] = key.secretAccessKey;
  }
  return env;
}
