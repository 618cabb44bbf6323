/** One Ajv instance per loaded spec, compiling validators for JSON pointers into it on demand. */
import { createRequire } from 'node:module';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { Contract } from './contract.ts';

/**
 * Options of the spec's Ajv. No meta-schema check of the document (`validateSchema: false`) and
 * no meta-schemas loaded (`meta: false`): the loader checked every schema object of the spec
 * (schema-validation.ts), and checking the OpenAPI document as a JSON Schema compiled the 2020-12
 * meta-schema in every suite worker, ~0.13 s of CPU each plus ~0.08 s to load the meta-schemas,
 * for a check that never looks inside `paths` (issue 17, round 5b; `spec-ajv.test.ts` compares
 * the validators with and without it).
 */
export const SPEC_AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false, validateSchema: false, meta: false } as const;

const cache = new WeakMap<object, { ajv: Ajv2020; validators: Map<string, ValidateFunction> }>();

/** A validator for the schema at `pointer` (e.g. `/components/schemas/Error`) of the contract's document. */
export function validatorAt(contract: Contract, pointer: string): ValidateFunction {
  let entry = cache.get(contract.openapi);
  if (!entry) {
    // Loaded on first use: the CLI process of a run imports this module (through the simulator)
    // but validates no response, so it need not load Ajv (~45 ms; issue 17, round 5b).
    const { Ajv2020: AjvClass } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
    const ajv = new AjvClass(SPEC_AJV_OPTIONS);
    ajv.addSchema(contract.openapi, 'spec');
    entry = { ajv, validators: new Map() };
    cache.set(contract.openapi, entry);
  }
  let validate = entry.validators.get(pointer);
  if (!validate) {
    validate = entry.ajv.compile({ $ref: `spec#${pointer}` });
    entry.validators.set(pointer, validate);
  }
  return validate;
}

/** Ajv errors as short readable lines. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`);
}
