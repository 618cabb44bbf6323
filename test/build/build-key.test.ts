/**
 * The checkout's build key (scripts/checkout-build/inputs.mjs): it must change whenever anything a
 * build is made of changes — else a run could execute a stale build — and not otherwise, else
 * every edit of a test would cost a rebuild.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInputs, buildKey, globToRegExp } from '../../scripts/checkout-build/inputs.mjs';
import { ROOT } from '../cli/cli-harness.ts';
import { checkoutCopy, type CheckoutCopy } from '../../bench/lib/checkout-copy.ts';

/** Runs `change` on the copy, returns the key it gives, and undoes the change. */
function keyAfter(copy: CheckoutCopy, rel: string, change: (file: string) => void): string {
  const file = join(copy.root, rel);
  const before = readFileSync(file);
  try {
    change(file);
    return buildKey(copy.root);
  } finally {
    writeFileSync(file, before);
  }
}
const appendLine = (file: string): void => appendFileSync(file, '\n// edited\n');

describe('the checkout build key', () => {
  let copy: CheckoutCopy;
  let original: string;
  beforeAll(() => {
    copy = checkoutCopy();
    original = buildKey(copy.root);
  });
  afterAll(() => copy?.remove());

  it('is the content key: the same files give the same key wherever the checkout is', () => {
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(buildKey(ROOT)).toBe(original);
  });

  it('ignores modification times', () => {
    const { compiled, copied, own } = buildInputs(copy.root);
    const later = new Date(Date.now() + 3_600_000);
    for (const rel of [...compiled, ...copied, ...own]) utimesSync(join(copy.root, rel), later, later);
    expect(buildKey(copy.root)).toBe(original);
  });

  it.each([
    ['a kit module', 'src/runner/run-suites.ts'],
    ['a module the suites use', 'suites/harness/rule-context.ts'],
    ['a suite file (compiled as *.rule.js)', 'suites/bcc/auth-rules.test.ts'],
    ['a reporter', 'reporters/json-report.ts'],
    ['a generated type module', 'generated/bcc.ts'],
    ['the build code', 'scripts/checkout-build/layout.mjs'],
  ])('changes with the content of %s (%s)', (_what, rel) => {
    const keys = new Set([original, keyAfter(copy, rel, appendLine), keyAfter(copy, rel, (f) => writeFileSync(f, readFileSync(f, 'utf8').replace(/\S/, (c) => (c === 'x' ? 'y' : 'x'))))]);
    expect(keys.size).toBe(3);
    expect(buildKey(copy.root)).toBe(original);
  });

  it.each([
    ['JSON read at run time', 'src/clients/process/client-protocol.schema.json'],
    ['JSON read at run time', 'reporters/report.schema.json'],
    ['a shipped spec', 'specs/bcc.openapi.yaml'],
    ['the x-conformance schema', 'specs/x-conformance.schema.json'],
    ['the build options', 'tsconfig.build.json'],
    ['the options tsconfig.build.json extends', 'tsconfig.json'],
    ['package.json (version, exports)', 'package.json'],
  ])('changes with %s (%s)', (_what, rel) => {
    expect(keyAfter(copy, rel, (f) => appendFileSync(f, ' '))).not.toBe(original);
    expect(buildKey(copy.root)).toBe(original);
  });

  it('changes when a compiled file is added, removed or renamed', () => {
    const added = join(copy.root, 'src/added-module.ts');
    writeFileSync(added, 'export const x = 1;\n');
    const withAdded = buildKey(copy.root);
    renameSync(added, join(copy.root, 'src/renamed-module.ts'));
    const withRenamed = buildKey(copy.root);
    unlinkSync(join(copy.root, 'src/renamed-module.ts'));
    expect(new Set([original, withAdded, withRenamed]).size).toBe(3);
    expect(buildKey(copy.root)).toBe(original);
    const removed = keyAfter(copy, 'src/kit-version.ts', (f) => unlinkSync(f));
    expect(removed).not.toBe(original);
  });

  it('changes with the version of TypeScript (the emitter) or of the spec validators', () => {
    const link = join(copy.root, 'node_modules/typescript');
    const real = readFileSync(join(link, 'package.json'), 'utf8');
    renameSync(link, `${link}.real`);
    try {
      mkdirSync(link);
      writeFileSync(join(link, 'package.json'), JSON.stringify({ ...JSON.parse(real), version: '0.0.1-other' }));
      expect(buildKey(copy.root)).not.toBe(original);
    } finally {
      rmSync(link, { recursive: true, force: true });
      renameSync(`${link}.real`, link);
    }
    expect(buildKey(copy.root)).toBe(original);
  });

  it.each([
    ['a kit test', 'src/runner/settings.test.ts'],
    ['a reporter test', 'reporters/json-report.test.ts'],
    ['a fixture', 'src/contract/fixtures/yaml-syntax-error.yaml'],
    ['a suite README', 'suites/bcc/README.md'],
    ['the checkout hooks (not part of a build)', 'src/checkout-hooks.mjs'],
    ['bin/conformance.js (runs the build; not part of it)', 'bin/conformance.js'],
  ])('does not change with %s (%s)', (_what, rel) => {
    expect(keyAfter(copy, rel, appendLine)).toBe(original);
  });

  it.each([
    ['a kit test', 'src/contract/added.test.ts', false],
    ['a harness test', 'suites/harness/added.test.ts', false],
    ['a suite file (a rule)', 'suites/bcc/added.test.ts', true],
  ])('adding %s (%s) changes it: %s', (_what, rel, changes) => {
    const added = join(copy.root, rel);
    writeFileSync(added, 'export {};\n');
    try {
      expect(buildKey(copy.root) !== original).toBe(changes);
    } finally {
      unlinkSync(added);
    }
  });
});

describe('the build inputs', () => {
  it('are exactly the files tsconfig.build.json compiles (the build refuses to run otherwise)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const selected = config!.fileNames.map((f) => f.slice(ROOT.length + 1)).sort();
    expect(selected.length).toBeGreaterThan(200);
    expect(buildInputs(ROOT).compiled).toEqual(selected);
  });

  it('copy the JSON read at run time and the shipped specs, and no fixture', () => {
    const { copied } = buildInputs(ROOT);
    expect(copied).toEqual(expect.arrayContaining(['reporters/report.schema.json', 'src/clients/process/client-protocol.schema.json', 'specs/bcc.openapi.yaml', 'specs/dcs.openapi.yaml', 'specs/x-conformance.schema.json']));
    expect(copied.filter((f) => f.includes('/fixtures/'))).toEqual([]);
  });

  it.each([
    ['src/**/*.test.ts', 'src/a/b/c.test.ts', true],
    ['src/**/*.test.ts', 'src/c.test.ts', true],
    ['src/**/*.test.ts', 'src/c.ts', false],
    ['suites/harness/*.test.ts', 'suites/harness/a.test.ts', true],
    ['suites/harness/*.test.ts', 'suites/harness/x/a.test.ts', false],
    ['suites/harness/*.test.ts', 'suites/bcc/a.test.ts', false],
    ['**/fixtures/**', 'src/contract/fixtures/a.ts', true],
    ['**/fixtures/**', 'src/contract/fixtures-not/a.ts', false],
    ['src/contract/generate-types.ts', 'src/contract/generate-types.ts', true],
    ['src/contract/generate-types.ts', 'src/contract/generate-typesXts', false],
    ['src/contract', 'src/contract/load-spec.ts', true],
  ])('exclude glob %s matches %s: %s', (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches);
  });
});
