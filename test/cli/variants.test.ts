import { describe, it, expect } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { builtinSpecPath } from '../../src/spec/spec-paths.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

// Against the simulator following each alternative reading, the matching ambiguity check names it.
const alternatives = (['bcc', 'dcs'] as const).flatMap((service) =>
  loadSpec(builtinSpecPath(service)).facts.rules.flatMap((r) => (r.variants ?? []).filter((v) => !v.default).map((v) => ({ service, rule: r.id, variant: v.name }))),
);

describe('ambiguity checks name the reading the target follows', () => {
  it.concurrent.each(alternatives)('$rule=$variant', async ({ service, rule, variant }) => {
    const dir = reportDir();
    const r = await cli(['run', '--service', service, '--rules', rule, '--variant', `${rule}=${variant}`, '--report-dir', dir, '--format', 'json']);
    const result = readJsonReport(dir).rules.find((x) => x.id === rule);
    expect([result?.verdict, result?.variant], `${result?.reason}\n${r.stderr}`).toEqual(['ambiguous', variant]);
  }, 240_000);
});
