/**
 * Provenance of every expectation: a check may require a code only where a document maps the
 * situation to it. The spec loader enforces it; the suites may only ask for situations; and
 * specs/README.md shows the same mapping.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Writes a copy of a shipped spec with `edit` applied to its x-conformance block. */
function patched(service: 'bcc' | 'dcs', edit: (x: Record<string, any>) => void): string {
  const doc = parse(readFileSync(builtinSpecPath(service), 'utf8')) as Record<string, any>;
  edit(doc['x-conformance']);
  const file = join(mkdtempSync(join(tmpdir(), 'spec-')), `${service}.openapi.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

describe('expectations name their source', () => {
  it.each(['bcc', 'dcs'] as const)('%s: every situation has documented codes with a source, or a reason for any 4xx', (service) => {
    const facts = loadSpec(builtinSpecPath(service)).facts;
    expect(Object.keys(facts.expectations).length).toBeGreaterThan(10);
    for (const [id, e] of Object.entries(facts.expectations)) {
      if (e.codes) {
        expect(e.source, id).toMatch(/\w{5,}/);
        for (const code of e.codes) expect(facts.errors[code]?.documented, `${id}: ${code}`).toBe(true);
      } else expect(e.because, id).toMatch(/\w{5,}/);
    }
  });

  it('refuses a code required without a source', () => {
    const file = patched('dcs', (x) => void delete x.expectations['empty-body'].source);
    expect(() => loadSpec(file)).toThrow(/empty-body/);
  });

  it('refuses a situation that requires a code no vendor document names', () => {
    const file = patched('bcc', (x) => void (x.expectations['password-violation'] = { title: 'bad password', codes: ['BadRequest'], source: 'our guess' }));
    expect(() => loadSpec(file)).toThrow(/not documented by any vendor document/);
  });

  it('refuses a closed ErrorCode enum', () => {
    const file = patched('bcc', () => {});
    const doc = parse(readFileSync(file, 'utf8')) as Record<string, any>;
    doc.components.schemas.ErrorCode.enum = doc.components.schemas.ErrorCode.examples;
    writeFileSync(file, stringify(doc));
    expect(() => loadSpec(file)).toThrow(/closed enum/);
  });
});

describe('suites ask for situations, never for the simulator\'s own choice of code', () => {
  // These facts say what the reference simulator answers; they are one reading, not the law.
  const SIMULATOR_CHOICES = /(\brequestErrors|\.notFound\b|\bauth\.failures|encryption!?\.onFailure|statuses\.onForbidden|statuses\.passwordFree|passwordPolicy\.onViolation\b)/;
  const files = ['bcc', 'dcs', 'harness'].flatMap((dir) => readdirSync(join(ROOT, 'suites', dir)).filter((f) => f.endsWith('.ts')).map((f) => join('suites', dir, f)));

  it.each(files.filter((f) => !f.endsWith('ambiguities.test.ts')))('%s', (file) => {
    const offending = readFileSync(join(ROOT, file), 'utf8').split('\n').map((line, i) => `${i + 1}: ${line.trim()}`).filter((line) => SIMULATOR_CHOICES.test(line));
    expect(offending).toEqual([]);
  });
});

describe('specs/README.md shows the mapping', () => {
  const readme = readFileSync(join(ROOT, 'specs/README.md'), 'utf8');
  it.each(['bcc', 'dcs'] as const)('%s: every situation with its required answer', (service) => {
    const facts = loadSpec(builtinSpecPath(service)).facts;
    const section = readme.split(`### ${service.toUpperCase()}\n`)[1]?.split('\n### ')[0] ?? '';
    for (const [id, e] of Object.entries(facts.expectations)) {
      const row = section.split('\n').find((l) => l.startsWith(`| \`${id}\``));
      expect(row, `${id} is missing from specs/README.md (${service})`).toBeDefined();
      if (e.codes) for (const code of e.codes) expect(row).toContain(`\`${code}\``);
      else expect(row).toContain('any 4xx');
    }
  });
});
