/**
 * Issue 15 measured ~5 s for every command, `--help` included, because the CLI imported every
 * subcommand and through them vitest, Pact, msw and the simulator. The figures live in
 * bench/cli-startup.ts; this test pins the cause: the modules each quick command loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-harness.ts';

const HOOK = pathToFileURL(join(ROOT, 'test/cli/fixtures/record-loads.mjs')).href;
// The simulator's fault, profile and silent-place tables are data (usage errors name their entries).
const HEAVY = /node_modules\/(vitest|@vitest|@pact-foundation|msw|undici|fast-check)\/|\/src\/simulator\/(?!(faults|profiles|silent-places)\.[jt]s$)/;

/** The module URLs `conformance …args` loads (ESM and, through the ESM loader, CommonJS entry points). */
function loadedBy(args: string[]): { status: number | null; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'startup-'));
  try {
    const file = join(dir, 'loads.txt');
    const r = spawnSync(process.execPath, ['--import', HOOK, join(ROOT, 'bin/conformance.js'), ...args], { env: { ...process.env, RECORD_LOADS: file, NO_COLOR: '1' }, encoding: 'utf8' });
    return { status: r.status, urls: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('quick commands load no test runner, Pact, msw or simulator', () => {
  it.each([[['--help']], [['--version']], [['run', '--bogus']], [['run', '--shard', '3/2']], [['list-rules', '--faults']]])('%j', (args) => {
    const { status, urls } = loadedBy(args);
    expect(urls.length, 'the hook saw the CLI load').toBeGreaterThan(3);
    expect(urls.some((u) => /\/src\/cli\/main\.[jt]s$/.test(u)), "the CLI's entry, from the checkout's build or its sources").toBe(true);
    expect([0, 2]).toContain(status);
    expect(urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });
});
