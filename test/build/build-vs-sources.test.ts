/**
 * A checkout runs a compiled build of its sources (bin/conformance.js); CONFORMANCE_FROM_SOURCE=1
 * runs the same sources through tsx. The two must judge alike and report alike: the same verdicts,
 * cases, counterexamples, replay keys and messages, apart from timings and the run-specific numbers
 * in instance ids. A planted fault and a faulty example adapter give failing rules, so counterexamples
 * and their transcripts are compared too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, reportDir, type CliResult } from '../cli/cli-harness.ts';

const FORMATS = ['--format', 'json,md,junit'];

/**
 * What differs between any two runs of the same code: timings and dates (HTTP dates, signing dates),
 * the simulator's random request ids, the numbers in instance ids (the process id and a per-worker
 * counter, whose value depends on which worker runs a file), the port a client's simulator listens on,
 * the report folder.
 */
function normalize(text: string, dir: string): string {
  return text
    .split(dir).join('<report-dir>')
    .replace(/"(durationMs|startedAt)":\s*("[^"]*"|[\d.]+)/g, '"$1":"<t>"')
    .replace(/\b(time|timestamp)="[^"]*"/g, '$1="<t>"')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<date>')
    .replace(/\w{3}, \d\d \w{3} \d{4} [\d:]+ GMT/g, '<date>')
    .replace(/\b\d{8}T\d{6}Z\b/g, '<date>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\b\d+ ?(h|min)( \d+ ?min)?( \d+(\.\d+)? ?s)?\b/g, '<t>')
    .replace(/\b\d+(\.\d+)? ?(ms|s)\b/g, '<t>')
    .replace(/-\d+-\d+(?![\d-])/g, '-<pid>-<n>');
}

async function run(args: string[], fromSource: '0' | '1'): Promise<{ result: CliResult; files: Record<string, string> }> {
  const dir = reportDir();
  const result = await cli([...args, ...FORMATS, '--report-dir', dir], { CONFORMANCE_FROM_SOURCE: fromSource }, 280_000);
  const files = Object.fromEntries(['conformance-report.json', 'conformance-report.md', 'conformance-report.junit.xml'].map((f) => [f, normalize(readFileSync(join(dir, f), 'utf8'), dir)]));
  // The terminal table pads its time column to the widest time: spaces are timing too.
  return { result: { ...result, stdout: normalize(result.stdout, dir).replace(/ +/g, ' '), stderr: normalize(result.stderr, dir) }, files };
}

describe('the checkout build and the sources through tsx', () => {
  it.each([
    ['the embedded simulator with a planted fault', ['run', '--seed', '1000', '--runs', '1', '--fault', 'skip-signature-check']],
    // A user's TypeScript module importing the package by name (mapped to the build, or to the sources).
    ['an example adapter', ['run', '--seed', '1000', '--runs', '1', '--service', 'bcc', '--client', 'examples/faulty-plaintext-adapter.ts']],
  ])('give the same reports and output: %s (seed 1000, --runs 1)', async (_what, args) => {
    const [built, sources] = await Promise.all([run(args, '0'), run(args, '1')]);
    expect(built.result.stderr).not.toContain('running the TypeScript sources'); // it ran the build
    expect(built.result.code).toBe(1);
    expect(sources.result.code).toBe(1);
    expect(built.files['conformance-report.json']).toContain('"verdict": "fail"');
    for (const name of Object.keys(built.files)) expect(built.files[name], name).toBe(sources.files[name]);
    expect(built.result.stdout).toBe(sources.result.stdout);
  }, 300_000);
});
