/**
 * The part of a report that a performance change must leave untouched: per rule its verdict,
 * case count, reading, counterexample and replay key, and the observations. Times and dates
 * are left out. `npx tsx test/cli/verdict-digest.ts --write` rewrites the committed baseline
 * (`verdict-baseline.json`) from the code as it is: do that only when verdicts are meant to change.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, readJsonReport } from './cli-harness.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';

/** The runs the baseline holds: the default suite at a fixed seed, and one with planted faults (failures, shrinking, transcripts). */
export const DIGEST_RUNS: Record<string, string[]> = {
  default: ['run', '--seed', '1000'],
  faults: ['run', '--seed', '1000', '--fault', 'accept-33-chars', '--fault', 'lock-after-4', '--fault', 'skip-signature-check', '--fault', 'numbers-not-strings'],
};

/** The committed baseline file. */
export const BASELINE_FILE = resolve(fileURLToPath(new URL('.', import.meta.url)), 'verdict-baseline.json');

/** One rule of the digest. */
export interface RuleDigest {
  id: string;
  verdict: string;
  cases: number;
  reason: string;
  variant?: string;
  counterexample?: { summary: string; received: string; documented: string; steps: number };
  replay?: { seed: number; property: string; path?: string; replayPath?: string };
}

/** The digest of one report. */
export interface ReportDigest {
  exitCode: number | null;
  totalCases: number;
  rules: RuleDigest[];
  observations: Array<{ topic: string; choice: string; count: number }>;
}

/** Reduces a report to what must not change. */
export function digestOf(report: ConformanceReport, exitCode: number | null): ReportDigest {
  return {
    exitCode,
    totalCases: report.rules.reduce((n, r) => n + r.cases, 0),
    rules: report.rules.map((r) => ({
      id: r.id,
      verdict: r.verdict,
      cases: r.cases,
      reason: r.reason,
      ...(r.variant !== undefined ? { variant: r.variant } : {}),
      ...(r.counterexample ? { counterexample: { summary: r.counterexample.summary, received: r.counterexample.received, documented: r.counterexample.documented, steps: r.counterexample.transcript.length } } : {}),
      ...(r.replay ? { replay: { seed: r.replay.seed, property: r.replay.property, path: r.replay.path, replayPath: r.replay.replayPath } } : {}),
    })),
    observations: report.observations.map((o) => ({ topic: o.topic, choice: o.choice, count: o.count })),
  };
}

/** Runs the CLI with `args` (JSON report only) and digests the report. */
export async function digestRun(args: string[]): Promise<ReportDigest> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-digest-'));
  try {
    const result = await cli([...args, '--format', 'json', '--report-dir', dir], {}, 300_000);
    if (result.code !== 0 && result.code !== 1) throw new Error(`conformance ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
    return digestOf(readJsonReport(dir), result.code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--write')) {
    console.error('usage: npx tsx test/cli/verdict-digest.ts --write   (rewrites test/cli/verdict-baseline.json from the current code)');
    process.exit(2);
  }
  const out: Record<string, ReportDigest> = {};
  for (const [name, args] of Object.entries(DIGEST_RUNS)) out[name] = await digestRun(args);
  writeFileSync(BASELINE_FILE, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${BASELINE_FILE}: ${Object.entries(out).map(([n, d]) => `${n} ${d.totalCases} cases, exit ${d.exitCode}`).join('; ')}`);
}
