import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';
import { SpecError } from '../errors/spec-error.ts';
import { CHECKOUT_CACHE_DIR, checkingCodeDigestOf, checkoutCacheKey, inCheckout, readCheckoutCache, readValidated, validatedRecordPath, writeCheckoutCache, writeValidated } from './validated-cache.ts';

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

  it('is never written into the checkout (the checkout has its own cache, below)', () => {
    expect(() => readFileSync(validatedRecordPath(builtinSpecPath('bcc')))).toThrow(/ENOENT/);
  });
});

describe("the checkout's cache of validated specs", () => {
  const cache = join(dir, 'cache');
  const text = readFileSync(builtinSpecPath('bcc'), 'utf8');
  const full = loadSpec(builtinSpecPath('bcc'), { fullValidation: true });
  // A spec text of this test alone, so its entries in the real cache are its own.
  const unique = `${text}\n# validated-cache.test ${process.pid}-${Date.now()}\n`;
  const uniqueFile = join(dir, 'unique.openapi.yaml');
  writeFileSync(uniqueFile, unique);
  afterAll(() => rmSync(join(CHECKOUT_CACHE_DIR, `${checkoutCacheKey(unique)}.json`), { force: true }));

  it('applies in this checkout', () => {
    expect(inCheckout()).toBe(true);
  });

  it('gives back the document full validation parsed, under the same spec text only', () => {
    expect(writeCheckoutCache(text, full.openapi, cache)).toBe(true);
    expect(readCheckoutCache(text, cache)).toEqual(full.openapi);
    expect(readCheckoutCache(text.replace('maxLength: 32', 'maxLength: 33'), cache)).toBeUndefined();
  });

  it('is keyed by the checking code: editing any module of src/contract or the spec error changes the key', () => {
    const root = join(dir, 'root');
    for (const part of ['src/contract', 'src/errors']) cpSync(resolve(part), join(root, part), { recursive: true });
    const before = checkingCodeDigestOf(root);
    expect(checkingCodeDigestOf(root)).toBe(before);
    const semantic = join(root, 'src/contract/semantic-checks.ts');
    writeFileSync(semantic, `${readFileSync(semantic, 'utf8')}\n// a change\n`);
    const afterContract = checkingCodeDigestOf(root);
    expect(afterContract).not.toBe(before);
    const error = join(root, 'src/errors/spec-error.ts');
    writeFileSync(error, `${readFileSync(error, 'utf8')}\n// a change\n`);
    expect(checkingCodeDigestOf(root)).not.toBe(afterContract);
    expect(checkoutCacheKey(text, before)).not.toBe(checkoutCacheKey(text, afterContract));
  });

  it('is ignored when damaged (full validation runs instead)', () => {
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, `${checkoutCacheKey('x: 1')}.json`), '{"digest": ');
    expect(readCheckoutCache('x: 1', cache)).toBeUndefined();
  });

  it('is what loadSpec reads: a load after a full one takes the cached document', () => {
    loadSpec(uniqueFile);
    const entry = join(CHECKOUT_CACHE_DIR, `${checkoutCacheKey(unique)}.json`);
    expect(existsSync(entry)).toBe(true);
    // Plant a marker in the entry: only a load that reads the cache can see it.
    const planted = JSON.parse(readFileSync(entry, 'utf8')) as { document: { info: { title: string } } };
    planted.document.info.title = 'from the cache';
    writeFileSync(entry, JSON.stringify(planted));
    expect((loadSpec(uniqueFile).openapi.info as { title: string }).title).toBe('from the cache');
    // fullValidation never reads it.
    expect((loadSpec(uniqueFile, { fullValidation: true }).openapi.info as { title: string }).title).toBe((full.openapi.info as { title: string }).title);
  });

  it('never holds a spec that failed validation', () => {
    const broken = join(dir, 'broken.openapi.yaml');
    const brokenText = text.replace(/maxLength: 32/g, 'maxLength: "thirty-two"');
    expect(brokenText).not.toBe(text);
    writeFileSync(broken, brokenText);
    expect(() => loadSpec(broken)).toThrow(SpecError);
    expect(existsSync(join(CHECKOUT_CACHE_DIR, `${checkoutCacheKey(brokenText)}.json`))).toBe(false);
  });
});
