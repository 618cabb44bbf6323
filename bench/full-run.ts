/**
 * The default full run: `npx conformance run` (both services, every rule, the embedded
 * simulator) should finish within 20 s of wall time on this 2-core machine while running at
 * least 5,000 generated cases. Prints total time, cases per second, and the share of time
 * spent outside the target — the kit's own overhead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeRun } from '../src/runner/execute-run.ts';
import { resolvePlan } from '../src/runner/run-plan.ts';
import { writeReports } from '../reporters/index.ts';
import type { ConformanceReport } from '../src/report/report-model.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BUDGET_MS = 20_000;
const MIN_CASES = 5_000;

/** What one measurement found. */
export interface FullRunResult {
  wallMs: number[];
  medianWallMs: number;
  cases: number;
  casesPerSecond: number;
  targetMs: number;
  checkMs: number;
  outsideTargetShare: number;
  ratio: number;
  goal: number;
}

function cliRun(dir: string, seed: number): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--seed', String(seed), '--format', 'json', '--report-dir', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(performance.now() - start) : fail(new Error(`conformance run exited ${code}: the default run must be conformant`))));
  });
}

/** Runs the CLI `rounds` times (wall clock, as a user sees it) and once in-process for the breakdown. */
export async function benchFullRun(options: { rounds: number }): Promise<FullRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
  try {
    const wallMs: number[] = [];
    for (let i = 0; i < options.rounds; i++) wallMs.push(await cliRun(dir, 1000 + i));
    const report = JSON.parse(readFileSync(join(dir, 'conformance-report.json'), 'utf8')) as ConformanceReport;
    const cases = report.rules.reduce((n, r) => n + r.cases, 0);
    const { outcomes } = await executeRun(resolvePlan({ seed: '1000', format: 'json', reportDir: dir }, {}), { writeReports });
    const targetMs = outcomes.reduce((n, o) => n + (o.targetMs ?? 0), 0);
    const checkMs = outcomes.reduce((n, o) => n + o.durationMs, 0);
    const sorted = [...wallMs].sort((a, b) => a - b);
    const medianWallMs = sorted[Math.floor(sorted.length / 2)]!;
    return { wallMs, medianWallMs, cases, casesPerSecond: cases / (medianWallMs / 1000), targetMs, checkMs, outsideTargetShare: 1 - targetMs / checkMs, ratio: cases >= MIN_CASES ? BUDGET_MS / medianWallMs : 0, goal: 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small table of the figures. */
export function formatFullRun(r: FullRunResult): string {
  return [
    `wall time (CLI, ${r.wallMs.length} run(s)): ${r.wallMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}  median ${(r.medianWallMs / 1000).toFixed(1)} s  (budget ${BUDGET_MS / 1000} s)`,
    `generated cases: ${r.cases} (goal ≥ ${MIN_CASES})  →  ${Math.round(r.casesPerSecond)} cases/s`,
    `time in checks: ${(r.checkMs / 1000).toFixed(1)} s, of which inside the simulator ${(r.targetMs / 1000).toFixed(1)} s`,
    `share outside the target (kit overhead): ${(r.outsideTargetShare * 100).toFixed(0)} %`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rounds = process.argv.includes('--quick') ? 1 : 3;
  console.log(formatFullRun(await benchFullRun({ rounds })));
}
