import { conformanceArgs, readmeCommand } from '../readme/readme-lines.ts';
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { cli, readJsonReport, reportDir, ROOT, type CliResult } from './cli-harness.ts';
import { loadSpec } from '../../src/contract/load-spec.ts';
import { builtinSpecPath } from '../../src/contract/spec-paths.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';

// The README's main command, exactly: both services against the embedded simulator.
let result: CliResult;
let dir: string;
let report: ConformanceReport;

beforeAll(async () => {
  dir = reportDir();
  const main = readmeCommand('README.md', 'the main job');
  // The README shows the main job twice (quick start, targets): one command, one run.
  expect(readmeCommand('README.md', 'embedded simulator (default)').text).toBe(main.text);
  result = await cli([...conformanceArgs(main), '--report-dir', dir]);
  report = readJsonReport(dir);
}, 180_000);

describe('npx conformance run (default: both services, embedded simulator)', () => {
  it('exits 0 and says so', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^conformance run: target simulator, services bcc, dcs, seed \d+/);
    expect(result.stdout).toContain('CONFORMANT (--fail-on must)');
  });

  it('writes all four report formats, the JSON valid against its schema', () => {
    for (const f of ['conformance-report.json', 'conformance-report.junit.xml', 'conformance-report.md', 'conformance-report.html']) expect(existsSync(join(dir, f)), f).toBe(true);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'reporters/report.schema.json'), 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('passes every rule of the catalogue; ambiguities name the default reading; client rules skip with the reason', () => {
    for (const service of ['bcc', 'dcs'] as const) {
      const contract = loadSpec(builtinSpecPath(service));
      for (const rule of contract.facts.rules) {
        const r = report.rules.find((x) => x.id === rule.id);
        expect(r, `${rule.id} missing from the report`).toBeDefined();
        if (rule.category === 'ambiguity') {
          expect([r!.verdict, r!.variant], rule.id).toEqual(['ambiguous', contract.variants[rule.id]]);
        } else if (rule.category === 'client') {
          expect(r!.verdict, rule.id).toBe('skip');
          expect(r!.reason, rule.id).toMatch(/needs judgesClient/);
        } else {
          expect([rule.id, r!.verdict, r!.reason]).toEqual([rule.id, 'pass', '']);
        }
      }
    }
  });

  it('runs at least 5,000 generated cases and stores the seed it printed', () => {
    const cases = report.rules.reduce((n, r) => n + r.cases, 0);
    expect(cases).toBeGreaterThanOrEqual(5000);
    expect(result.stdout).toContain(`seed ${report.seed}`);
    expect(report.invocation).toMatchObject({ target: 'simulator', services: ['bcc', 'dcs'] });
  });
});
