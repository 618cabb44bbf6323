/**
 * The README's run commands (the Running section): each command's words come from the README
 * (readme-lines.ts), run in a fresh working directory (with `examples/` linked in, as in a
 * checkout), and are judged by what the text next to them says — the exit status and the rules
 * it names. Commands the README chains (shards → merge, a failing run → replay) run in the same
 * directory and reuse each other's output. The README tests are split over readme-run*.test.ts
 * so that vitest's two workers share them (readme-run-harness.ts holds what they share).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import { conformanceArgs, readmeCommand, shellWords } from './readme-lines.ts';
import { conformance, judge, removeWorkDirs, report, workDir } from './readme-run-harness.ts';

afterAll(removeWorkDirs);

describe('README.md', { timeout: 300_000 }, () => {
  it('`run --service dcs` judges every DCS rule of the embedded simulator and exits 0', async () => {
    const command = readmeCommand('README.md', 'npx conformance run --service dcs');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.invocation).toMatchObject({ services: ['dcs'] });
    expect(written.rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(10);
  });

  it('a failing run, then `replay` of its failing rule from the report it wrote (the README chains them)', async () => {
    const failingRun = readmeCommand('README.md', '--fault lock-never-expires');
    const replay = readmeCommand('README.md', 'npx conformance replay');
    const cwd = workDir();
    const first = await conformance(conformanceArgs(failingRun), cwd);
    judge(failingRun, first, join(cwd, 'conformance-report/conformance-report.json'));
    const again = await conformance(conformanceArgs(replay), cwd);
    judge(replay, again, join(cwd, 'conformance-report/replay/conformance-report.json'));
    expect(again.stdout + again.stderr).toContain(replay.rules[0]!);
    expect(existsSync(join(cwd, 'conformance-report/replay'))).toBe(true);
  });

  it('`--format json --report-dir - > report.json` puts the JSON report alone on stdout', async () => {
    const command = readmeCommand('README.md', '--report-dir - > report.json');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const json = JSON.parse(r.stdout) as ConformanceReport;
    expect(json.invocation).toMatchObject({ services: ['dcs'] });
    expect(json.rules.every((x) => x.id.startsWith('DCS-PWD-'))).toBe(true);
    expect(r.stderr).toMatch(/CONFORMANT/);
    expect(readdirSync(cwd)).toEqual(['examples']);
  });

  it('two shards with one seed (at once, as on two machines), then `merge`: one complete report covering both', async () => {
    const shards = [readmeCommand('README.md', '--shard 1/2'), readmeCommand('README.md', '--shard 2/2')];
    const merge = readmeCommand('README.md', 'npx conformance merge');
    const cwd = workDir();
    // The README runs them on two machines: here at the same time, each into its own folder.
    const results = await Promise.all(shards.map((shard) => conformance(conformanceArgs(shard), cwd)));
    shards.forEach((shard, i) => judge(shard, results[i]!));
    const r = await conformance(conformanceArgs(merge), cwd);
    judge(merge, r);
    const merged = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(merged.runStatus).toBe('complete');
    const parts = shards.map((s) => report(join(cwd, shellWords(s.text).at(-1)!, 'conformance-report.json')));
    expect(merged.rules.filter((x) => x.verdict !== 'not-run').length).toBeGreaterThan(Math.max(...parts.map((p) => p.rules.filter((x) => x.verdict !== 'not-run').length)));
  });

});
