import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';
import { readValidated, validatedRecordPath, writeValidated } from './validated-cache.ts';

// A stand-in for the built package's dist/specs: the records are never written into the checkout.
const dir = mkdtempSync(join(tmpdir(), 'validated-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build-time record of a validated shipped spec', () => {
  const spec = join(dir, 'dcs.openapi.yaml');
  copyFileSync(builtinSpecPath('dcs'), spec);
  const text = readFileSync(spec, 'utf8');
  const full = loadSpec(builtinSpecPath('dcs'), { fullValidation: true });
  writeValidated(spec, text, full.openapi);

  it('gives back exactly the document the full validation parsed', () => {
    expect(readValidated(spec, text, dir)).toEqual(full.openapi);
  });

  it('is ignored once the spec text changes by one character (full validation runs instead)', () => {
    expect(readValidated(spec, text.replace('maxLength: 64', 'maxLength: 65'), dir)).toBeUndefined();
    expect(readValidated(spec, `${text} `, dir)).toBeUndefined();
  });

  it('is ignored for a spec outside the kit\'s specs folder', () => {
    expect(readValidated(spec, text, join(dir, 'elsewhere'))).toBeUndefined();
  });

  it('is ignored when damaged', () => {
    const other = join(dir, 'bcc.openapi.yaml');
    copyFileSync(builtinSpecPath('bcc'), other);
    writeFileSync(validatedRecordPath(other), '{"digest": ');
    expect(readValidated(other, readFileSync(other, 'utf8'), dir)).toBeUndefined();
  });

  it('is never written into the checkout: there every load validates in full', () => {
    expect(() => readFileSync(validatedRecordPath(builtinSpecPath('bcc')))).toThrow(/ENOENT/);
  });
});
