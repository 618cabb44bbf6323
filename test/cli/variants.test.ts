/**
 * Against the simulator following each alternative reading, the matching ambiguity check names
 * it. Every reading runs in process (`test/faults/in-process-run.ts`: the runner APIs
 * `conformance run` calls, one kept-open vitest session); one CLI run stays as the end-to-end
 * proof of the `--variant` flag.
 */
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { loadSpec } from '../../src/contract/load-spec.ts';
import { builtinSpecPath } from '../../src/contract/spec-paths.ts';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

const alternatives = (['bcc', 'dcs'] as const).flatMap((service) =>
  loadSpec(builtinSpecPath(service)).facts.rules.flatMap((r) => (r.variants ?? []).filter((v) => !v.default).map((v) => ({ service, rule: r.id, variant: v.name }))),
);

describe('ambiguity checks name the reading the target follows', () => {
  it('every ambiguity has an alternative reading to run', () => {
    expect(new Set(alternatives.map((a) => a.service))).toEqual(new Set(['bcc', 'dcs']));
    expect(alternatives.length).toBeGreaterThanOrEqual(2);
  });

  describe('in process, and --variant end to end (all at once)', () => {
    // Two sessions (one vitest instance each, runs in turn within each): the machine's two cores.
    let sessions: SuiteSession[] = [];
    beforeAll(async () => void (sessions = await Promise.all([openSession(), openSession()])), 60_000);
    afterAll(async () => void (await Promise.all(sessions.map((s) => s.close()))));

    it.concurrent.each(alternatives.map((a, i) => ({ ...a, i })))('$rule=$variant', async ({ service, rule, variant, i }) => {
      const report = await runInProcess(sessions[i % sessions.length]!, { service, rules: rule, variant: { [rule]: variant } });
      const result = report.rules.find((x) => x.id === rule);
      expect([result?.verdict, result?.variant], result?.reason).toEqual(['ambiguous', variant]);
    }, 120_000);

    // End to end: the --variant flag through the CLI (the last reading, so a DCS one).
    const last = alternatives.at(-1)!;
    it.concurrent(`CLI: --variant ${last.rule}=${last.variant}`, async () => {
      const dir = reportDir();
      const r = await cli(['run', '--service', last.service, '--rules', last.rule, '--variant', `${last.rule}=${last.variant}`, '--report-dir', dir, '--format', 'json']);
      const result = readJsonReport(dir).rules.find((x) => x.id === last.rule);
      expect([result?.verdict, result?.variant], `${result?.reason}\n${r.stderr}`).toEqual(['ambiguous', last.variant]);
    }, 240_000);
  });
});
