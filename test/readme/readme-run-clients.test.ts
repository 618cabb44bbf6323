/**
 * The README's client commands (examples/README.md's adapters, a faulty client) and the
 * mutation report commands, run as written (see readme-run.test.ts).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, type CliResult } from '../cli/cli-harness.ts';
import { conformanceArgs, readmeCommand, shellWords } from './readme-lines.ts';
import { conformance, failing, judge, node, removeWorkDirs, report, workDir } from './readme-run-harness.ts';

afterAll(removeWorkDirs);

describe('README.md and examples/README.md: adapters', { timeout: 300_000 }, () => {
  it('`run --client huawei-core --service dcs` (both READMEs, one run) judges the Huawei SDK and exits 0', async () => {
    const command = readmeCommand('README.md', 'judge an SDK');
    const same = readmeCommand('examples/README.md', 'or a builtin adapter');
    expect(same.text).toBe(command.text);
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    judge(same, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.rules.filter((x) => x.id.startsWith('DCS-CLIENT-') && x.verdict === 'pass').length).toBeGreaterThan(0);
    expect(failing(written)).toEqual([]);
  });

  it('the template adapter (examples/README "a module path") passes its client rules and exits 0', async () => {
    const command = readmeCommand('examples/README.md', 'a module path');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.rules.filter((x) => x.id.startsWith('DCS-CLIENT-') && x.verdict === 'pass').length).toBeGreaterThan(0);
    expect(failing(written)).toEqual([]);
  });
});

describe('README.md: faulty clients and the mutation report', { timeout: 300_000 }, () => {
  it('`run --client faulty:dcs-camel-case-fields` fails DCS-CLIENT-BODY and exits 1, as its comment says', async () => {
    const command = readmeCommand('README.md', 'faulty:dcs-camel-case-fields');
    expect(command.rules).toEqual(['DCS-CLIENT-BODY']);
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r, join(cwd, 'conformance-report/conformance-report.json'));
  });

  /** Runs a README `node …` command from the checkout's root, where the committed report lives. */
  const nodeCommand = (marker: string): Promise<CliResult> => node(shellWords(readmeCommand('README.md', marker).text).slice(1), ROOT);

  it('`node mutation/summary.mjs` prints the committed report\'s score and counts per file', async () => {
    const r = await nodeCommand('node mutation/summary.mjs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mutation score \d+\.\d %/);
    expect(r.stdout).toContain('src/simulator/dcs/lockout.ts');
  });

  it('`node mutation/instrument.mjs <file>` lists the file\'s mutants, each ignored one with its reason', async () => {
    const r = await nodeCommand('node mutation/instrument.mjs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^I src\/simulator\/dcs\/lockout\.ts:\d+:\d+ #\d+ \w+ .*\(.+\)$/m);
  });
});
