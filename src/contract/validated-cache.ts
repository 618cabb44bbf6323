/**
 * The built package's record of which shipped specs were validated at build time.
 *
 * `scripts/build.mjs` loads each shipped spec with full validation (OpenAPI 3.1 and
 * x-conformance schemas with Ajv, semantic checks, the default readings) and writes
 * `<spec>.validated.json` beside it: a digest of exactly what was validated and the parsed
 * document. {@link loadSpec} trusts that record only for a spec in the kit's own `specs/`
 * folder whose text (and the x-conformance schema, and the kit version) still hashes to the
 * digest; any edit falls back to full validation. Compiling the OpenAPI schema and parsing the
 * YAML take most of a second, so without this `conformance list-rules` could not answer fast.
 * The checkout has no such record; it keeps a cache keyed by the checking code as well (below).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { KIT_PACKAGE } from '../kit-version.ts';
import { SPECS_DIR } from './spec-paths.ts';

/** The kit's root folder: the checkout, or `dist/` of the installed package. */
const KIT_ROOT_DIR = resolve(SPECS_DIR, '..');

/** What `<spec>.validated.json` holds. */
export interface ValidatedRecord {
  /** sha256 of the spec text, the x-conformance schema text and the kit version. */
  digest: string;
  /** The spec as parsed (YAML → JSON), exactly as validated. */
  document: unknown;
}

/** Path of the record for a spec file. */
export function validatedRecordPath(specFile: string): string {
  return `${specFile}.validated.json`;
}

/** Digest of what the build validated: the spec text, the schema it was checked against, the kit version. */
export function specDigest(specText: string): string {
  const schema = readFileSync(`${SPECS_DIR}/x-conformance.schema.json`, 'utf8');
  return createHash('sha256').update(KIT_PACKAGE.version).update('\0').update(schema).update('\0').update(specText).digest('hex');
}

/**
 * The validated document for a shipped spec whose text is unchanged since the build, or
 * `undefined` (no record, a spec outside the kit's `specs/`, or a digest that no longer matches).
 */
export function readValidated(specFile: string, specText: string, specsDir: string = SPECS_DIR): unknown {
  if (resolve(dirname(specFile)) !== resolve(specsDir)) return undefined;
  const recordFile = validatedRecordPath(specFile);
  if (!existsSync(recordFile)) return undefined;
  let record: ValidatedRecord;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as ValidatedRecord;
  } catch {
    return undefined; // a damaged record only costs the fast path: full validation runs
  }
  return record.digest === specDigest(specText) ? record.document : undefined;
}

/** Writes the record for a spec that was just validated in full (build time only). */
export function writeValidated(specFile: string, specText: string, document: unknown): void {
  const record: ValidatedRecord = { digest: specDigest(specText), document };
  writeFileSync(validatedRecordPath(specFile), JSON.stringify(record));
}

/**
 * The checkout's cache of validated specs (the built package has the records above instead).
 *
 * A checkout validates every spec it loads in full, in the CLI and again in every suite worker:
 * about 2.5 s of CPU and 30 MB of peak memory per `conformance run` (bench/README.md, "Round 4").
 * This cache keeps the parsed document of a spec that passed full validation, under a key made of
 * everything that decides the outcome: the spec text, the x-conformance schema, the kit version,
 * the text of the checking code (every module of `src/contract/` and the spec error) and the
 * versions of the parser and validator packages. Any edit to any of them is a different key, so
 * full validation runs again; a spec that fails validation is never cached. `npm run
 * validate-specs` and `fullValidation: true` always validate in full.
 */
export const CHECKOUT_CACHE_DIR = resolve(KIT_ROOT_DIR, 'node_modules/.cache/pwchange-conformance/validated');
/** Packages whose code takes part in validation. */
const CHECKING_PACKAGES = ['ajv', 'ajv-formats', 'yaml'];
let checkingCode: string | undefined;

/** sha256 of the checking code under `root`: `src/contract/*.ts` (tests excluded), the spec error, the checking packages' versions. */
export function checkingCodeDigestOf(root: string): string {
  const hash = createHash('sha256');
  const contractDir = resolve(root, 'src/contract');
  const files = readdirSync(contractDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const f of [...files.map((f) => `src/contract/${f}`), 'src/errors/spec-error.ts']) {
    hash.update(f).update('\0').update(readFileSync(resolve(root, f))).update('\0');
  }
  for (const name of CHECKING_PACKAGES) {
    const pkg = resolve(root, 'node_modules', name, 'package.json');
    hash.update(name).update('@').update(existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version : 'absent').update('\0');
  }
  return hash.digest('hex');
}

/** Whether this is a checkout (TypeScript sources present), where the cache applies. */
export function inCheckout(): boolean {
  return existsSync(resolve(KIT_ROOT_DIR, 'src/contract/load-spec.ts'));
}

/** The cache key of a spec text: spec, schema, kit version and checking code. */
export function checkoutCacheKey(specText: string, codeDigest: string = (checkingCode ??= checkingCodeDigestOf(KIT_ROOT_DIR))): string {
  return createHash('sha256').update(specDigest(specText)).update('\0').update(codeDigest).digest('hex');
}

/** The cached validated document for this spec text in a checkout, or `undefined`. */
export function readCheckoutCache(specText: string, dir: string = CHECKOUT_CACHE_DIR): unknown {
  if (!inCheckout()) return undefined;
  const file = resolve(dir, `${checkoutCacheKey(specText)}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as ValidatedRecord).document;
  } catch {
    return undefined; // a damaged or half-written entry only costs the fast path: full validation runs
  }
}

/**
 * Stores a document that just passed full validation (checkout only). Written to a temporary file
 * and renamed, so a suite worker reading at the same moment sees a whole entry or none. A cache that
 * cannot be written (read-only node_modules) only costs the next run a full validation.
 */
export function writeCheckoutCache(specText: string, document: unknown, dir: string = CHECKOUT_CACHE_DIR): boolean {
  if (!inCheckout()) return false;
  const key = checkoutCacheKey(specText);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = resolve(dir, `${key}.${process.pid}.${threadId}.tmp`);
    writeFileSync(tmp, JSON.stringify({ digest: key, document } satisfies ValidatedRecord));
    renameSync(tmp, resolve(dir, `${key}.json`));
    return true;
  } catch {
    return false;
  }
}
