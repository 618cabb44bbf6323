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
 * The checkout has no such record: there every load validates in full.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KIT_PACKAGE } from '../kit-version.ts';
import { SPECS_DIR } from './spec-paths.ts';

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
